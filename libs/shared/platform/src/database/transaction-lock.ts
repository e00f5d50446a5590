import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Serialises transactions on a text key: an advisory lock held until the transaction of `em`
 * ends. Waiting is bounded by the connection's lock_timeout (error 20 when it runs out).
 */
export async function lockTransactionKey(em: EntityManager, key: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
}
