import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Money, Points } from '@loyalty/kernel';
import {
  LedgerSummaryAnswer,
  programMinorDigits,
  Promotion,
  PromotionSummary,
  SummarizeLedger,
  SummaryInput,
} from '@loyalty/loyalty';
import { orderPromotionFigures } from './order-promotion-figures';

/**
 * `loyalty/reports/summary`: the ledger's figures (`@loyalty/loyalty`) with each promotion's order
 * side added — orders it applied to, the discount it gave, their revenue and the points it accrued
 * at checkout. Composed here because `orders` may import `loyalty` and never the reverse.
 */
@Injectable()
export class SummarizeProgram {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: SummarizeLedger,
  ) {}

  async execute(input: SummaryInput): Promise<LedgerSummaryAnswer> {
    const { program, periods, answer } = await this.ledger.execute(input);
    const digits = programMinorDigits(program);
    const figures = await orderPromotionFigures(this.em, {
      accountId: program.account,
      programId: program.id,
      from: new Date(answer.date_from),
      to: new Date(answer.date_to),
      starts: periods.map((period) => period.start),
      minorDigits: digits,
    });
    if (figures.length === 0) return answer;
    const ids = [...new Set(figures.map((row) => row.promotionId))];
    const promotions = await this.em.find(Promotion, { id: { $in: ids } });
    for (const row of figures) {
      const period = answer.periods[row.period - 1];
      if (!period) continue;
      let entry = period.promotions.find((item) => item.promotion_id === row.promotionId);
      if (!entry) {
        const promotion = promotions.find((item) => item.id === row.promotionId);
        entry = {
          promotion_id: row.promotionId,
          promotion_eid: promotion?.externalId ?? String(row.promotionId),
          name: promotion?.name ?? '',
          type: promotion?.type ?? 'deleted',
          uses: 0,
          transactions: 0,
          points: [],
          orders: 0,
          discount: Money.format(0n, digits),
          revenue: Money.format(0n, digits),
        } satisfies PromotionSummary;
        period.promotions.push(entry);
      }
      entry.orders = row.orders;
      entry.uses += row.orders;
      entry.discount = Money.format(row.discount, digits);
      entry.revenue = Money.format(row.revenue, digits);
      for (const [eid, amount] of row.accrued) {
        const points = entry.points.find((item) => item.points_currency_eid === eid);
        if (points) points.accrued = Points.format(Points.parse(points.accrued) + amount);
        else entry.points.push({ points_currency_eid: eid, accrued: Points.format(amount), redeemed: '0.00' });
      }
    }
    for (const period of answer.periods) period.promotions.sort((a, b) => a.promotion_id - b.promotion_id);
    return answer;
  }
}
