import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK } from '../../clock/clock.module';
import { AccountContext, Role } from '../../tenancy/account-context';
import { ApiToken } from '../api-token.entity';
import { recordAudit } from '../audit-log';
import { generateTokenSecret, hashSecret, secretPrefix } from '../token-secret';

/** `admin/tokens/create`: a token of the caller's account; the secret is returned once. */
@Injectable()
export class CreateToken {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: { name: string; role: Role }): Promise<{ tokenId: number; token: string }> {
    const accountId = AccountContext.accountId();
    return this.em.transactional(async (em) => {
      const secret = generateTokenSecret();
      const token = em.create(ApiToken, {
        account: accountId,
        name: input.name,
        role: input.role,
        secretHash: hashSecret(secret),
        secretPrefix: secretPrefix(secret),
        createdAt: this.clock.now(),
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'api_token',
        entityId: token.id,
        action: 'create',
        after: { name: input.name, role: input.role },
      });
      return { tokenId: token.id, token: secret };
    });
  }
}
