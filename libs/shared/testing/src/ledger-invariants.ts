/** Runs one SELECT and answers its rows (an entity manager's `execute`, or a `pg` client's `query(...).rows`). */
export type SqlRows = (sql: string) => Promise<any[]>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface InvariantViolation {
  rule: string;
  subject: string;
  detail: string;
}

/**
 * The ledger's invariants (rules.md §2.1, quality.md §2), checked in SQL over every account:
 * 1. each account's cached active / pending / held equals what its lots and temporary
 *    transactions add up to, by the processed flags;
 * 2. no lot's remaining is negative or above its amount;
 * 3. each redemption equals the sum of its allocations;
 * 4. each account's total balance equals the sum of the transactions that took effect.
 * Returns the violations (none when the ledger is sound). Integration and end-to-end tests run it
 * after every test that touches the ledger.
 */
export async function findLedgerViolations(rows: SqlRows): Promise<InvariantViolation[]> {
  const violations: InvariantViolation[] = [];
  const cache: {
    id: string;
    active: string;
    pending: string;
    held: string;
    lots_active: string;
    lots_pending: string;
    temp_held: string;
  }[] = await rows(`
      select a.id, a.active, a.pending, a.held,
             coalesce((select sum(l.remaining) from points_lots l where l.points_account_id = a.id and l.activated and not l.expired), 0) as lots_active,
             coalesce((select sum(l.remaining) from points_lots l where l.points_account_id = a.id and not l.activated and not l.expired), 0)
               + coalesce((select sum(t.amount) from points_transactions t where t.points_account_id = a.id and t.status = 'temporary' and t.amount > 0), 0) as lots_pending,
             coalesce((select -sum(t.amount) from points_transactions t where t.points_account_id = a.id and t.status = 'temporary' and t.amount < 0), 0) as temp_held
        from points_accounts a`);
  for (const row of cache) {
    if (row.active !== row.lots_active || row.pending !== row.lots_pending || row.held !== row.temp_held) {
      violations.push({
        rule: 'cache equals lots',
        subject: `points_account ${row.id}`,
        detail: `cached ${row.active}/${row.pending}/${row.held}, lots ${row.lots_active}/${row.lots_pending}/${row.temp_held}`,
      });
    }
  }
  const lots: { id: string; amount: string; remaining: string }[] = await rows(
    'select id, amount, remaining from points_lots where remaining < 0 or remaining > amount',
  );
  for (const lot of lots) {
    violations.push({
      rule: 'lot within bounds',
      subject: `points_lot ${lot.id}`,
      detail: `remaining ${lot.remaining} of ${lot.amount}`,
    });
  }
  const redemptions: { id: string; amount: string; allocated: string }[] = await rows(`
    select t.id, -t.amount as amount, coalesce(sum(r.amount), 0) as allocated
      from points_transactions t left join redemption_allocations r on r.transaction_id = t.id
     where t.type = 'redemption'
     group by t.id having -t.amount <> coalesce(sum(r.amount), 0)`);
  for (const redemption of redemptions) {
    violations.push({
      rule: 'redemption equals allocations',
      subject: `points_transaction ${redemption.id}`,
      detail: `amount ${redemption.amount}, allocated ${redemption.allocated}`,
    });
  }
  const totals: { id: string; balance: string; transactions: string }[] = await rows(`
    select a.id, a.active - a.debt + a.pending + a.held as balance,
           coalesce((select sum(t.amount) from points_transactions t
                      where t.points_account_id = a.id
                        and (t.status = 'posted'
                             or (t.status = 'temporary' and t.amount > 0)
                             or (t.status = 'cancelled' and exists (select 1 from points_transactions c
                                                                     where c.related_transaction = t.id and c.type = 'cancellation')))), 0) as transactions
      from points_accounts a`);
  for (const row of totals) {
    if (row.balance !== row.transactions) {
      violations.push({
        rule: 'balance equals transactions',
        subject: `points_account ${row.id}`,
        detail: `balance ${row.balance}, transactions ${row.transactions}`,
      });
    }
  }
  return violations;
}
