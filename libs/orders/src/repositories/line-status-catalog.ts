import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { AccountContext, lockTransactionKey, recordAudit } from '@loyalty/platform';
import { CustomLineStatus, LineStatusEffect } from '../entities/custom-line-status.entity';
import type { CustomLineStatusInput } from '../domain/order-input';

/** The account's custom line statuses: external id → effect. */
export async function customLineStatuses(em: EntityManager): Promise<Map<string, LineStatusEffect>> {
  const statuses = await em.find(CustomLineStatus, {});
  return new Map(statuses.map((status) => [status.externalId, status.effect]));
}

const AUDIT_TYPE = 'order_line_status';

const view = (status: CustomLineStatus) => ({
  external_id: status.externalId,
  name: status.name,
  effect: status.effect,
});

/**
 * Upserts the custom line statuses an import declares, with an audit entry for each one created
 * or changed. Shops send the same declarations with every order, so the usual call only reads;
 * the advisory lock is taken only when something changes, and settles concurrent first declarations.
 */
export async function declareCustomLineStatuses(
  em: EntityManager,
  clock: Clock,
  declared: readonly CustomLineStatusInput[],
): Promise<void> {
  if (declared.length === 0) return;
  const externalIds = declared.map((status) => status.external_id);
  const unchanged = (existing: CustomLineStatus[]) =>
    declared.every((status) =>
      existing.some(
        (row) => row.externalId === status.external_id && row.name === status.name && row.effect === status.effect,
      ),
    );
  if (unchanged(await em.find(CustomLineStatus, { externalId: { $in: externalIds } }))) return;
  await lockTransactionKey(em, `order-line-statuses/${AccountContext.accountId()}`);
  const existing = await em.find(CustomLineStatus, { externalId: { $in: externalIds } }, { refresh: true });
  const created: CustomLineStatus[] = [];
  for (const status of declared) {
    const row = existing.find((candidate) => candidate.externalId === status.external_id);
    if (!row) {
      created.push(
        em.create(CustomLineStatus, {
          account: AccountContext.accountId(),
          externalId: status.external_id,
          name: status.name,
          effect: status.effect,
          createdAt: clock.now(),
        }),
      );
    } else if (row.name !== status.name || row.effect !== status.effect) {
      const before = view(row);
      Object.assign(row, { name: status.name, effect: status.effect });
      recordAudit(em, clock, { entityType: AUDIT_TYPE, entityId: row.id, action: 'update', before, after: view(row) });
    }
  }
  await em.flush();
  for (const row of created) {
    recordAudit(em, clock, { entityType: AUDIT_TYPE, entityId: row.id, action: 'create', after: view(row) });
  }
  await em.flush();
}
