import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { AccountContext, Caller } from '../tenancy/account-context';
import { AuditEntry } from './audit-entry.entity';

export interface AuditFact {
  entityType: string;
  entityId: string | number;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Adds an audit entry for the caller to the unit of work of `em` (same transaction as the change). */
export function recordAudit(
  em: EntityManager,
  clock: Clock,
  fact: AuditFact,
  caller: Caller = AccountContext.require(),
): AuditEntry {
  return em.create(AuditEntry, {
    account: caller.accountId,
    tokenId: caller.tokenId,
    entityType: fact.entityType,
    entityId: String(fact.entityId),
    action: fact.action,
    before: fact.before ?? null,
    after: fact.after ?? null,
    reason: fact.reason ?? null,
    createdAt: clock.now(),
  });
}
