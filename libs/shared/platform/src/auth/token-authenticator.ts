import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ApiToken } from '../accounts/api-token.entity';
import { hashSecret, secretsEqual } from '../accounts/token-secret';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { Caller } from '../tenancy/account-context';

export type Authenticated = { kind: 'root' } | { kind: 'token'; caller: Caller };

/** Turns a bearer secret into a caller: the root key, an account's live token, or nobody. */
@Injectable()
export class TokenAuthenticator {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate(secret: string): Promise<Authenticated | null> {
    if (secretsEqual(secret, this.config.rootApiKey)) return { kind: 'root' };
    const token = await this.em.findOne(
      ApiToken,
      { secretHash: hashSecret(secret), revokedAt: null },
      { filters: false, disableIdentityMap: true },
    );
    if (!token) return null;
    return { kind: 'token', caller: { accountId: token.account, tokenId: token.id, role: token.role } };
  }
}
