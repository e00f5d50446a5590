import type { EntityManager } from '@mikro-orm/core';
import { AccountContext } from '../tenancy/account-context';

/**
 * Default filter on every entity with an `account` property: reads, updates and deletes see only
 * the rows of the account in the current AccountContext, and fail outside one. Code that must
 * cross accounts (token lookup, worker sweeps) says so with `filters: false`.
 */
export const tenantFilter = {
  name: 'tenant',
  default: true,
  args: false,
  cond: (_args: unknown, _type: unknown, em: EntityManager, _options: unknown, entityName?: string) => {
    const meta = entityName ? em.getMetadata().find(entityName) : undefined;
    return meta?.properties['account'] ? { account: AccountContext.accountId() } : {};
  },
};
