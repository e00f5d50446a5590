import { REPORT_GROUPINGS, ReportGrouping } from '@loyalty/loyalty';
import { DateTimeField, EnumField, IdField, Out, TextField } from '@loyalty/platform';

export class TransactionsExportRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @IdField({ optional: true, nullable: true, example: null })
  points_currency_iid?: number | null;

  @TextField({ optional: true, nullable: true, example: 'bonus' })
  points_currency_eid?: string | null;

  @DateTimeField({ description: "A date is the start of that day in the program's zone", example: '2026-03-01' })
  date_from!: string;

  @DateTimeField({ description: "A date is the end of that day in the program's zone", example: '2026-03-31' })
  date_to!: string;

  @IdField({ optional: true, nullable: true, description: 'Only transactions with a greater id', example: null })
  from_id?: number | null;
}

export class TaskCreatedResponse {
  @Out({ type: 'integer', example: 12 })
  task_id!: number;
}

export class SummaryRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @DateTimeField({ description: "A date is the start of that day in the program's zone", example: '2026-01-01' })
  date_from!: string;

  @DateTimeField({ description: "A date is the end of that day in the program's zone", example: '2026-12-31' })
  date_to!: string;

  @EnumField(REPORT_GROUPINGS, {
    optional: true,
    nullable: true,
    description: "Calendar periods of the program's zone; weeks start on Monday. Default: day",
    example: 'month',
  })
  group_by?: ReportGrouping | null;
}

export class CurrencySummaryView {
  @Out({ type: 'integer', example: 2 }) points_currency_iid!: number;
  @Out({ example: 'bonus' }) points_currency_eid!: string;
  @Out({ type: 'integer', description: 'Counted transactions (posted, or posted and cancelled since)', example: 1200 })
  transactions!: number;
  @Out({
    type: 'integer',
    description: 'Members with at least one transaction (any status) in the period',
    example: 310,
  })
  active_members!: number;
  @Out({ description: 'Σ accruals', example: '15000.00' }) accrued!: string;
  @Out({ description: 'Σ initial balances granted at registration', example: '500.00' }) initial_balance!: string;
  @Out({ description: 'Σ redemptions (positive)', example: '4200.00' }) redeemed!: string;
  @Out({ description: 'Σ expirations (positive)', example: '300.00' }) expired!: string;
  @Out({ description: 'Points taken back by cancellations of accruals (positive)', example: '120.00' })
  cancelled!: string;
  @Out({ description: 'Points given back by cancellations of redemptions', example: '80.00' })
  redemptions_returned!: string;
  @Out({ description: 'Σ adjustments, signed (write-offs of deleted members included)', example: '-15.00' })
  adjusted!: string;
  @Out({ description: 'Points a reversal could not take (uncollected adjustments, rules.md §2.6)', example: '35.00' })
  uncollected!: string;
  @Out({ type: 'integer', example: 1 }) uncollected_count!: number;
  @Out({ description: 'Partner-funded part of the accruals', example: '40.00' }) partner_funded!: string;
  @Out({ description: 'partner_funded / accrued, in percent', example: '0.27' }) partner_funded_share!: string;
  @Out({ description: 'Σ every counted transaction of the period', example: '10965.00' }) net_change!: string;
  @Out({ description: 'Liability at the period end: Σ every counted transaction up to it', example: '84000.00' })
  outstanding!: string;
}

export class TierCountView {
  @Out({ type: 'integer', example: 3 }) tier_id!: number;
  @Out({ example: 'silver' }) tier_eid!: string;
  @Out({ type: 'integer', example: 42 }) members!: number;
}

export class TierGroupSummaryView {
  @Out({ type: 'integer', example: 1 }) tiers_group_id!: number;
  @Out({ type: [TierCountView] }) tiers!: TierCountView[];
}

export class PromotionPointsView {
  @Out({ example: 'bonus' }) points_currency_eid!: string;
  @Out({ example: '500.00' }) accrued!: string;
  @Out({ example: '0.00' }) redeemed!: string;
}

export class PromotionSummaryView {
  @Out({ type: 'integer', example: 7 }) promotion_id!: number;
  @Out({ example: 'spring-x2' }) promotion_eid!: string;
  @Out({ example: 'Spring double points' }) name!: string;
  @Out({ example: 'trigger' }) type!: string;
  @Out({ type: 'integer', description: 'transactions + orders', example: 12 }) uses!: number;
  @Out({ type: 'integer', description: 'Counted accruals and redemptions naming the promotion', example: 12 })
  transactions!: number;
  @Out({ type: [PromotionPointsView] }) points!: PromotionPointsView[];
  @Out({ type: 'integer', description: 'Orders committed in the period that it applied to', example: 0 })
  orders!: number;
  @Out({ description: 'Money it discounted on those orders', example: '0.00' }) discount!: string;
  @Out({ description: 'Σ final total price of those orders', example: '0.00' }) revenue!: string;
}

export class PeriodSummaryView {
  @Out({ description: 'The local date the calendar period starts on', example: '2026-03-01' }) period!: string;
  @Out({ format: 'date-time', example: '2026-02-28T21:00:00.000Z' }) start!: string;
  @Out({ format: 'date-time', example: '2026-03-31T20:59:59.999Z' }) end!: string;
  @Out({ type: 'integer', example: 25 }) new_members!: number;
  @Out({ type: 'integer', example: 1 }) deleted_members!: number;
  @Out({ type: [CurrencySummaryView] }) currencies!: CurrencySummaryView[];
  @Out({ type: [TierGroupSummaryView], description: 'Members per tier at the period end' })
  tiers!: TierGroupSummaryView[];
  @Out({ type: [PromotionSummaryView] }) promotions!: PromotionSummaryView[];
}

export class SummaryResponse {
  @Out({ type: 'integer', example: 1 }) loyalty_program_id!: number;
  @Out({ example: 'Europe/Moscow' }) timezone!: string;
  @Out({ enum: REPORT_GROUPINGS, example: 'month' }) group_by!: string;
  @Out({ format: 'date-time', example: '2025-12-31T21:00:00.000Z' }) date_from!: string;
  @Out({ format: 'date-time', example: '2026-12-31T20:59:59.999Z' }) date_to!: string;
  @Out({ type: [PeriodSummaryView] }) periods!: PeriodSummaryView[];
}
