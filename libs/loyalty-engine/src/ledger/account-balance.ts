/**
 * What the account row caches, as of the last processed state: `active` is the remaining of lots
 * flagged activated and not expired (gross of debt), `pending` the remaining of the other unexpired
 * lots plus temporary accruals, `held` the temporary redemptions, `debt` ≥ 0 the points owed.
 */
export interface CachedBalance {
  readonly active: bigint;
  readonly pending: bigint;
  readonly held: bigint;
  readonly debt: bigint;
}

/** A balance as members see it: `active` is net of debt (negative only with debt); total = active + pending + held. */
export interface Balance {
  readonly active: bigint;
  readonly pending: bigint;
  readonly held: bigint;
  readonly total: bigint;
}

export function netBalance(gross: CachedBalance): Balance {
  const active = gross.active - gross.debt;
  return { active, pending: gross.pending, held: gross.held, total: active + gross.pending + gross.held };
}
