import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The one call site where a canceled order gives its promo codes back (rules.md §5, with the
 * program's `release_on_cancel`): the codes `preorder_commit` activated, in `checkout.promo_code_ids`.
 * Nothing to do for an empty list. The promo-code store is being built: until then no commit
 * activates a code, so the list is always empty; the store makes this mark each code unused again
 * (and write its outbox event) in the caller's transaction.
 */
export async function releasePromoCodes(em: EntityManager, promoCodeIds: readonly number[], at: Date): Promise<void> {
  if (promoCodeIds.length === 0) return;
  void em;
  void at;
}
