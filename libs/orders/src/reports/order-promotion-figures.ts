import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTimestampArray } from '@loyalty/loyalty';

/** What the orders committed in a period say about one promotion. */
export interface OrderPromotionFigures {
  period: number;
  promotionId: number;
  orders: number;
  /** Money (minor units). */
  discount: bigint;
  revenue: bigint;
  /** Points the promotion accrued at checkout, per currency external id (hundredths). */
  accrued: Map<string, bigint>;
}

/**
 * The order side of the summary, per period and promotion, from the orders `preorder_commit` made
 * for the program (`checkout` JSON, read with plain SQL; no rollup — orders are far fewer than
 * transactions). An order counts in the period of its commit, whatever happened to it since.
 */
export async function orderPromotionFigures(
  em: EntityManager,
  input: { accountId: number; programId: number; from: Date; to: Date; starts: Date[]; minorDigits: number },
): Promise<OrderPromotionFigures[]> {
  const rows: Array<Record<string, string | null>> = await em.execute(
    `with committed as (
       select o.id, width_bucket(o.created_at, ?::timestamptz[]) as period, o.checkout
         from orders o
        where o.account_id = ? and o.origin = 'checkout' and o.deleted_at is null
          and o.created_at >= ? and o.created_at <= ?
          and (o.checkout ->> 'program_id')::bigint = ?),
     applied as (
       select c.id, c.period, (p.value ->> 'promotion_id')::bigint as promotion_id,
              coalesce((p.value ->> 'discount')::bigint, 0) as discount,
              coalesce(round((c.checkout -> 'answer' ->> 'final_total_price')::numeric * power(10, ?::int))::bigint, 0)
                as revenue,
              p.value -> 'accrued' as accrued
         from committed c cross join lateral jsonb_array_elements(c.checkout -> 'promotions') p)
     select a.period, a.promotion_id, count(*)::text as orders, sum(a.discount)::text as discount,
            sum(a.revenue)::text as revenue,
            (select coalesce(jsonb_object_agg(x.eid, x.amount), '{}'::jsonb)::text
               from (select e.value ->> 'points_currency_eid' as eid, sum((e.value ->> 'amount')::bigint)::text as amount
                       from applied b cross join lateral jsonb_array_elements(b.accrued) e
                      where b.period = a.period and b.promotion_id = a.promotion_id
                      group by 1) x) as accrued
       from applied a
      group by a.period, a.promotion_id
      order by a.period, a.promotion_id`,
    [pgTimestampArray(input.starts), input.accountId, input.from, input.to, input.programId, input.minorDigits],
  );
  return rows.map((row) => ({
    period: Number(row['period']),
    promotionId: Number(row['promotion_id']),
    orders: Number(row['orders']),
    discount: BigInt(row['discount'] ?? '0'),
    revenue: BigInt(row['revenue'] ?? '0'),
    accrued: new Map(
      Object.entries(JSON.parse(row['accrued'] ?? '{}') as Record<string, string>).map(([eid, amount]) => [
        eid,
        BigInt(amount),
      ]),
    ),
  }));
}
