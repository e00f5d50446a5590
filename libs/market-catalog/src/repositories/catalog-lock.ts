import type { EntityManager } from '@mikro-orm/postgresql';
import { AccountContext, lockTransactionKey } from '@loyalty/platform';

/**
 * One writer at a time per account catalog: imports, feeds and deletes validate against the
 * category tree and the products they read, so they must not interleave (two imports could each
 * pass the cycle check and store a cycle together, or lock rows in opposite orders).
 * `waitMs` lengthens the wait for this transaction (a feed on the worker may wait for another);
 * otherwise the connection's lock_timeout applies and a request answers error 20.
 */
export async function lockCatalog(em: EntityManager, options: { waitMs?: number } = {}): Promise<void> {
  if (options.waitMs !== undefined) await em.execute(`set local lock_timeout = ${Math.floor(options.waitMs)}`);
  await lockTransactionKey(em, `catalog/${AccountContext.accountId()}`);
}
