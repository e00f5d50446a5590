/** The names of the ledger's invariant rules, as the tests and the worker's gauge label them. */
export const LEDGER_RULES = [
  'cache equals lots',
  'lot within bounds',
  'redemption equals allocations',
  'balance equals transactions',
] as const;
export type LedgerRule = (typeof LEDGER_RULES)[number];

/** One rule: a SELECT answering a `subject` and a `detail` text for every row that breaks it. */
export interface LedgerInvariant {
  rule: LedgerRule;
  violationsSql: string;
}

/**
 * The ledger's invariants (rules.md §2.1, quality.md §2), checked in SQL over every account:
 * 1. each account's cached active / pending / held equals what its lots and temporary
 *    transactions add up to, by the processed flags;
 * 2. no lot's remaining is negative or above its amount;
 * 3. each redemption equals the sum of its allocations;
 * 4. each account's total balance equals the sum of the transactions that took effect.
 * Rules 1 and 4 read every account (and its lots and transactions through their indexes): a full
 * scan of the ledger, affordable every few minutes, not on a request path.
 */
export const LEDGER_INVARIANTS: readonly LedgerInvariant[] = [
  {
    rule: 'cache equals lots',
    violationsSql: `
      select 'points_account ' || c.id as subject,
             'cached ' || c.active || '/' || c.pending || '/' || c.held
               || ', lots ' || c.lots_active || '/' || c.lots_pending || '/' || c.temp_held as detail
        from (select a.id, a.active, a.pending, a.held,
                     coalesce((select sum(l.remaining) from points_lots l where l.points_account_id = a.id and l.activated and not l.expired), 0) as lots_active,
                     coalesce((select sum(l.remaining) from points_lots l where l.points_account_id = a.id and not l.activated and not l.expired), 0)
                       + coalesce((select sum(t.amount) from points_transactions t where t.points_account_id = a.id and t.status = 'temporary' and t.amount > 0), 0) as lots_pending,
                     coalesce((select -sum(t.amount) from points_transactions t where t.points_account_id = a.id and t.status = 'temporary' and t.amount < 0), 0) as temp_held
                from points_accounts a) c
       where (c.active, c.pending, c.held) is distinct from (c.lots_active, c.lots_pending, c.temp_held)`,
  },
  {
    rule: 'lot within bounds',
    violationsSql: `
      select 'points_lot ' || id as subject, 'remaining ' || remaining || ' of ' || amount as detail
        from points_lots
       where remaining < 0 or remaining > amount`,
  },
  {
    rule: 'redemption equals allocations',
    violationsSql: `
      select 'points_transaction ' || t.id as subject,
             'amount ' || (-t.amount) || ', allocated ' || coalesce(sum(r.amount), 0) as detail
        from points_transactions t left join redemption_allocations r on r.transaction_id = t.id
       where t.type = 'redemption'
       group by t.id having -t.amount <> coalesce(sum(r.amount), 0)`,
  },
  {
    rule: 'balance equals transactions',
    violationsSql: `
      select 'points_account ' || c.id as subject, 'balance ' || c.balance || ', transactions ' || c.transactions as detail
        from (select a.id, a.active - a.debt + a.pending + a.held as balance,
                     coalesce((select sum(t.amount) from points_transactions t
                                where t.points_account_id = a.id
                                  and (t.status = 'posted'
                                       or (t.status = 'temporary' and t.amount > 0)
                                       or (t.status = 'cancelled' and exists (select 1 from points_transactions c
                                                                               where c.related_transaction = t.id and c.type = 'cancellation')))), 0) as transactions
                from points_accounts a) c
       where c.balance is distinct from c.transactions`,
  },
];
