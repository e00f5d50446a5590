import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { TokenAuthenticator } from '../../auth/token-authenticator';
import { CLOCK } from '../../clock/clock.module';
import { ApiToken } from '../api-token.entity';
import { recordAudit } from '../audit-log';

/** `admin/tokens/revoke`: the token stops working at once, in every API process; revoking twice is a no-op. */
@Injectable()
export class RevokeToken {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly authenticator: TokenAuthenticator,
  ) {}

  async execute(tokenId: number): Promise<{ tokenId: number; revokedAt: Date }> {
    const revoked = await this.em.transactional(async (em) => {
      const token = await em.findOne(ApiToken, { id: tokenId });
      if (!token) throw DomainError.notFound('Token');
      if (!token.revokedAt) {
        token.revokedAt = this.clock.now();
        recordAudit(em, this.clock, {
          entityType: 'api_token',
          entityId: token.id,
          action: 'revoke',
          before: { revoked_at: null },
          after: { revoked_at: token.revokedAt },
        });
      }
      return { tokenId: token.id, revokedAt: token.revokedAt, secretHash: token.secretHash };
    });
    await this.authenticator.forget(revoked.secretHash);
    return { tokenId: revoked.tokenId, revokedAt: revoked.revokedAt };
  }
}
