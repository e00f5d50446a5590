import type { EntityManager } from '@mikro-orm/postgresql';

/** Deletes up to `batchSize` idempotency records that expired before `now`; returns how many. */
export async function purgeExpiredIdempotencyRecords(em: EntityManager, now: Date, batchSize: number): Promise<number> {
  const rows: unknown[] = await em.getConnection().execute(
    `delete from idempotency_records where id in (
       select id from idempotency_records where expires_at < ? order by expires_at limit ?
     ) returning id`,
    [now, batchSize],
  );
  return rows.length;
}
