import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError, isValidTimeZone } from '@loyalty/kernel';
import { CLOCK } from '../../clock/clock.module';
import type { Caller } from '../../tenancy/account-context';
import { Account } from '../account.entity';
import { ApiToken } from '../api-token.entity';
import { recordAudit } from '../audit-log';
import { generateTokenSecret, hashSecret, secretPrefix } from '../token-secret';

export interface CreateAccountInput {
  name: string;
  timezone?: string;
}

export interface CreatedAccount {
  accountId: number;
  adminToken: string;
}

/** `admin/accounts/create` (root key): a new tenant with its first admin token. */
@Injectable()
export class CreateAccount {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: CreateAccountInput): Promise<CreatedAccount> {
    const timezone = input.timezone ?? 'UTC';
    if (!isValidTimeZone(timezone)) throw DomainError.invalid('timezone', `"${timezone}" is not an IANA time zone`);
    return this.em.transactional(async (em) => {
      const now = this.clock.now();
      const account = em.create(Account, { name: input.name, timezone, createdAt: now });
      await em.flush();
      const secret = generateTokenSecret();
      const token = em.create(ApiToken, {
        account: account.id,
        name: 'Initial admin token',
        role: 'admin',
        secretHash: hashSecret(secret),
        secretPrefix: secretPrefix(secret),
        createdAt: now,
      });
      await em.flush();
      const rootActing: Caller = { accountId: account.id, tokenId: null, role: 'admin' };
      recordAudit(
        em,
        this.clock,
        { entityType: 'account', entityId: account.id, action: 'create', after: { name: account.name, timezone } },
        rootActing,
      );
      recordAudit(
        em,
        this.clock,
        {
          entityType: 'api_token',
          entityId: token.id,
          action: 'create',
          after: { name: token.name, role: token.role },
        },
        rootActing,
      );
      return { accountId: account.id, adminToken: secret };
    });
  }
}
