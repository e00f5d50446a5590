import { Injectable } from '@nestjs/common';
import { EntityManager, IsolationLevel } from '@mikro-orm/postgresql';
import { formatRfc3339, Money, Points } from '@loyalty/kernel';
import { programMinorDigits } from '../../domain/program-money';
import { programInstant } from '../../domain/operation-dates';
import type { LoyaltyProgram } from '../../entities/loyalty-program.entity';
import { PointsCurrency } from '../../entities/points-currency.entity';
import { Promotion } from '../../entities/promotion.entity';
import { TierGroup } from '../../entities/tier-group.entity';
import { Tier } from '../../entities/tier.entity';
import { requireProgram } from '../../repositories/program-lookup';
import { periodDaySegments, ReportGrouping, ReportPeriod, reportPeriods } from '../domain/report-periods';
import {
  activeMembersByPeriodFromDays,
  activeMembersByPeriodRaw,
  activityZone,
  balancesBefore,
  FigureRow,
  figuresByPeriod,
  membershipByPeriod,
  tiersAtPeriodEnds,
} from '../repositories/ledger-figures';

export interface SummaryInput {
  programId: number;
  dateFrom: string;
  dateTo: string;
  groupBy?: ReportGrouping | null;
}

export interface CurrencySummary {
  points_currency_iid: number;
  points_currency_eid: string;
  transactions: number;
  active_members: number;
  accrued: string;
  initial_balance: string;
  redeemed: string;
  expired: string;
  cancelled: string;
  redemptions_returned: string;
  adjusted: string;
  uncollected: string;
  uncollected_count: number;
  partner_funded: string;
  partner_funded_share: string;
  net_change: string;
  outstanding: string;
}

export interface PromotionPoints {
  points_currency_eid: string;
  accrued: string;
  redeemed: string;
}

export interface PromotionSummary {
  promotion_id: number;
  promotion_eid: string;
  name: string;
  type: string;
  uses: number;
  transactions: number;
  points: PromotionPoints[];
  orders: number;
  discount: string;
  revenue: string;
}

export interface TierGroupSummary {
  tiers_group_id: number;
  tiers: Array<{ tier_id: number; tier_eid: string; members: number }>;
}

export interface PeriodSummary {
  period: string;
  start: string;
  end: string;
  new_members: number;
  deleted_members: number;
  currencies: CurrencySummary[];
  tiers: TierGroupSummary[];
  promotions: PromotionSummary[];
}

export interface LedgerSummaryAnswer {
  loyalty_program_id: number;
  timezone: string;
  group_by: ReportGrouping;
  date_from: string;
  date_to: string;
  periods: PeriodSummary[];
}

export interface LedgerSummary {
  program: LoyaltyProgram;
  periods: ReportPeriod[];
  answer: LedgerSummaryAnswer;
}

/** `partner / accrued` as a percentage with two decimals (rounded half up), "0.00" without accruals. */
export function shareOf(part: bigint, whole: bigint): string {
  if (whole <= 0n) return '0.00';
  return Points.format((part * 10_000n + whole / 2n) / whole);
}

const sumWhere = (
  rows: FigureRow[],
  figure: string,
  field: 'amount' | 'n' | 'uncollected' | 'partnerFunded' = 'amount',
) => rows.filter((row) => row.figure === figure).reduce((sum, row) => sum + row[field], 0n);

/**
 * The ledger's side of `loyalty/reports/summary` (docs/architecture.md, "Exports and reports"):
 * per period of the program's zone and currency, the counted figures, the liability at the
 * period's end, active and new members, the tier distribution, and per promotion its uses and
 * points. Every query runs in one repeatable-read snapshot, so folded and unfolded figures agree.
 * The order side (discounts, orders, revenue) is added by `@loyalty/orders`.
 */
@Injectable()
export class SummarizeLedger {
  constructor(private readonly em: EntityManager) {}

  async execute(input: SummaryInput): Promise<LedgerSummary> {
    return this.em.transactional(
      async (em) => {
        const program = await requireProgram(em, input.programId);
        const from = programInstant(input.dateFrom, program, 'start', 'date_from');
        const to = programInstant(input.dateTo, program, 'end', 'date_to');
        const groupBy = input.groupBy ?? 'day';
        const periods = reportPeriods(from, to, groupBy, program.timezone);
        const starts = periods.map((period) => period.start);
        const [currencies, figures, opening, active, membership, tiers] = [
          await em.find(PointsCurrency, { program: program.id }, { orderBy: { id: 'asc' } }),
          await figuresByPeriod(em, program.id, from, to, starts),
          await balancesBefore(em, program.id, from),
          await this.activeMembers(em, program, periods, { from, to, starts }),
          await membershipByPeriod(em, program.id, from, to, starts),
          await tiersAtPeriodEnds(
            em,
            program.id,
            periods.map((period) => period.end),
          ),
        ];
        const promotionIds = [...new Set(figures.filter((row) => row.promotionId !== 0).map((row) => row.promotionId))];
        const promotions = promotionIds.length
          ? await em.find(Promotion, { id: { $in: promotionIds } }, { orderBy: { id: 'asc' } })
          : [];
        const groups = await em.find(TierGroup, { program: program.id }, { orderBy: { id: 'asc' } });
        const tierRows = groups.length
          ? await em.find(Tier, { group: { $in: groups.map((group) => group.id) } }, { orderBy: { tierOrder: 'asc' } })
          : [];
        const running = new Map(currencies.map((currency) => [currency.id, opening.get(currency.id) ?? 0n]));
        const answerPeriods = periods.map((period, index): PeriodSummary => {
          const rows = figures.filter((row) => row.period === index + 1);
          return {
            period: period.label,
            start: formatRfc3339(period.start),
            end: formatRfc3339(period.end),
            new_members: membership.find((row) => row.period === index + 1)?.registered ?? 0,
            deleted_members: membership.find((row) => row.period === index + 1)?.deleted ?? 0,
            currencies: currencies.map((currency) => {
              const mine = rows.filter((row) => row.currencyId === currency.id);
              const net = mine.reduce((sum, row) => sum + row.amount, 0n);
              const outstanding = (running.get(currency.id) ?? 0n) + net;
              running.set(currency.id, outstanding);
              const accrued = sumWhere(mine, 'accrual');
              const partnerFunded = sumWhere(mine, 'accrual', 'partnerFunded');
              return {
                points_currency_iid: currency.id,
                points_currency_eid: currency.externalId,
                transactions: Number(mine.reduce((sum, row) => sum + row.n, 0n)),
                active_members:
                  active.find((row) => row.period === index + 1 && row.currencyId === currency.id)?.members ?? 0,
                accrued: Points.format(accrued),
                initial_balance: Points.format(sumWhere(mine, 'initial_balance')),
                redeemed: Points.format(-sumWhere(mine, 'redemption')),
                expired: Points.format(-sumWhere(mine, 'expiration')),
                cancelled: Points.format(-sumWhere(mine, 'cancellation_debit')),
                redemptions_returned: Points.format(sumWhere(mine, 'cancellation_credit')),
                adjusted: Points.format(sumWhere(mine, 'adjustment') + sumWhere(mine, 'uncollected')),
                uncollected: Points.format(sumWhere(mine, 'uncollected', 'uncollected')),
                uncollected_count: Number(sumWhere(mine, 'uncollected', 'n')),
                partner_funded: Points.format(partnerFunded),
                partner_funded_share: shareOf(partnerFunded, accrued),
                net_change: Points.format(net),
                outstanding: Points.format(outstanding),
              };
            }),
            tiers: groups.map((group) => ({
              tiers_group_id: group.id,
              tiers: tierRows
                .filter((tier) => tier.group === group.id)
                .map((tier) => ({
                  tier_id: tier.id,
                  tier_eid: tier.tierEid,
                  members:
                    tiers.find((row) => row.period === index + 1 && row.groupId === group.id && row.tierId === tier.id)
                      ?.members ?? 0,
                })),
            })),
            promotions: promotions
              .filter((promotion) => rows.some((row) => row.promotionId === promotion.id))
              .map((promotion) => {
                const mine = rows.filter((row) => row.promotionId === promotion.id);
                const uses = Number(
                  mine
                    .filter((row) => row.figure === 'accrual' || row.figure === 'redemption')
                    .reduce((sum, row) => sum + row.n, 0n),
                );
                return {
                  promotion_id: promotion.id,
                  promotion_eid: promotion.externalId,
                  name: promotion.name,
                  type: promotion.type,
                  uses,
                  transactions: uses,
                  points: currencies
                    .filter((currency) => mine.some((row) => row.currencyId === currency.id))
                    .map((currency) => {
                      const own = mine.filter((row) => row.currencyId === currency.id);
                      return {
                        points_currency_eid: currency.externalId,
                        accrued: Points.format(sumWhere(own, 'accrual')),
                        redeemed: Points.format(-sumWhere(own, 'redemption')),
                      };
                    }),
                  orders: 0,
                  discount: Money.format(0n, programMinorDigits(program)),
                  revenue: Money.format(0n, programMinorDigits(program)),
                };
              }),
          };
        });
        return {
          program,
          periods,
          answer: {
            loyalty_program_id: program.id,
            timezone: program.timezone,
            group_by: groupBy,
            date_from: formatRfc3339(from),
            date_to: formatRfc3339(to),
            periods: answerPeriods,
          },
        };
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
  }

  /**
   * Active members from the day bitmaps when they were built in the program's zone and the window
   * is whole local days; otherwise (a zone changed since the last fold, ragged RFC 3339 edges)
   * straight from the transactions.
   */
  private async activeMembers(
    em: EntityManager,
    program: LoyaltyProgram,
    periods: ReportPeriod[],
    window: { from: Date; to: Date; starts: Date[] },
  ) {
    const segments = periodDaySegments(periods, program.timezone);
    if (segments && (await activityZone(em, program.id)) === program.timezone) {
      return activeMembersByPeriodFromDays(em, program.id, program.timezone, segments, window);
    }
    return activeMembersByPeriodRaw(em, program.id, window.from, window.to, window.starts);
  }
}
