import {
  BoolField,
  DateTimeField,
  DecimalField,
  EnumField,
  ExternalIdField,
  IdField,
  IdOrExternalIdField,
  IntField,
  NestedArrayField,
  NestedField,
  ObjectField,
  Out,
  TextField,
} from '@loyalty/platform';
import {
  CreatePromotionInput,
  LIMIT_PERIODS,
  LimitPeriod,
  PromotionLimitsInput,
  MAX_PRIORITY,
  MAX_RULES_PER_LIST,
  MAX_USES,
  PROMOTION_TYPES,
  PromotionType,
  RETURN_POLICIES,
  PromotionReturnPolicy,
  Stacking,
  STACKING_MODES,
  TriggerRuleInput,
} from '@loyalty/loyalty';
import { PageInfo, PageRequest } from '../common/page.dto';

export class PromotionLimitsDto implements PromotionLimitsInput {
  @IntField({ optional: true, nullable: true, min: 1, max: MAX_USES, description: 'Uses per member', example: 1 })
  per_member?: number | null;

  @EnumField(LIMIT_PERIODS, {
    optional: true,
    nullable: true,
    description: 'per_member counts per calendar period in the program time zone (weeks from Monday)',
    example: 'month',
  })
  per_member_period?: LimitPeriod | null;

  @IntField({ optional: true, nullable: true, min: 1, max: MAX_USES, description: 'Uses in total', example: 1000 })
  total_uses?: number | null;

  @DecimalField({
    optional: true,
    nullable: true,
    description: 'Money a discount promotion may give in total, or points a trigger or points promotion may give',
    example: '50000.00',
  })
  budget?: string | null;
}

export class TriggerRuleDto implements TriggerRuleInput {
  @ExternalIdField({ description: 'A currency of the program', example: 'bonus' })
  points_currency_eid!: string;

  @DecimalField({
    optional: true,
    nullable: true,
    description: 'Points used when a call gives no amount',
    example: '100.00',
  })
  static_amount?: string | null;

  @DecimalField({ optional: true, nullable: true, example: '10.00' })
  min_amount?: string | null;

  @DecimalField({ optional: true, nullable: true, example: '500.00' })
  max_amount?: string | null;
}

/** The settings both create and update take (optional ones; null restores the default on update). */
export class PromotionOptionalFields {
  @TextField({ optional: true, nullable: true, maxLength: 2000, example: '100 points on the birthday' })
  description?: string | null;

  @DateTimeField({
    optional: true,
    nullable: true,
    description: 'RFC 3339 with offset, or a date alone: the start of that day in the program time zone',
    example: '2026-01-01',
  })
  start_date?: string | null;

  @DateTimeField({
    optional: true,
    nullable: true,
    description: 'RFC 3339 with offset, or a date alone: the end of that day (23:59:59.999) in the program time zone',
    example: '2026-12-31',
  })
  end_date?: string | null;

  @IntField({ optional: true, nullable: true, min: 0, max: MAX_PRIORITY, description: 'Default 0', example: 0 })
  priority?: number | null;

  @EnumField(STACKING_MODES, {
    optional: true,
    nullable: true,
    description: 'Default "combinable"',
    example: 'combinable',
  })
  stacking?: Stacking | null;

  @ObjectField({
    optional: true,
    nullable: true,
    description:
      'A condition tree (rules.md §6). Checkout promotions: checked when saved against the fields and the account custom fields; ' +
      'line conditions make the promotion apply to the matching lines only',
    example: null,
  })
  conditions?: Record<string, unknown> | null;

  @NestedField(() => PromotionLimitsDto, {
    optional: true,
    nullable: true,
    description: 'Replaced as a whole; null clears',
  })
  limits?: PromotionLimitsDto | null;

  @IdField({ optional: true, nullable: true, example: null })
  promo_code_program_id?: number | null;

  @EnumField(RETURN_POLICIES, { optional: true, nullable: true, description: 'Default "keep"', example: 'keep' })
  return_policy?: PromotionReturnPolicy | null;

  @NestedArrayField(() => TriggerRuleDto, {
    optional: true,
    nullable: true,
    maxItems: MAX_RULES_PER_LIST,
    description: 'Trigger promotions: points given by accrue_points, at most one rule per currency',
  })
  accrual_rules?: TriggerRuleDto[] | null;

  @NestedArrayField(() => TriggerRuleDto, {
    optional: true,
    nullable: true,
    maxItems: MAX_RULES_PER_LIST,
    description: 'Trigger promotions: points taken by redeem_points (standard currencies only)',
  })
  redeem_rules?: TriggerRuleDto[] | null;

  @ObjectField({
    optional: true,
    nullable: true,
    description:
      'Discount promotions: {kind: "percent" | "fixed" | "fixed_per_item" | "fixed_price", value, target: "order" | "lines" | "delivery", max_discount?}',
    example: { kind: 'percent', value: '10', target: 'order' },
  })
  discount?: Record<string, unknown> | null;

  @ObjectField({
    optional: true,
    nullable: true,
    description:
      'Points promotions: {kind: "percent" | "per_amount" | "fixed_per_order" | "fixed_per_item" | "multiplier", value, per?, base?: "paid" | "discounted" | "list", points_currency_eid}',
    example: { kind: 'percent', value: '5', base: 'paid', points_currency_eid: 'bonus' },
  })
  accrual?: Record<string, unknown> | null;

  @ObjectField({
    optional: true,
    nullable: true,
    description: "Points promotions: {max_share_percent, point_value?} overrides the program's share cap on its lines",
    example: null,
  })
  redemption?: Record<string, unknown> | null;
}

export class CreatePromotionRequest extends PromotionOptionalFields implements CreatePromotionInput {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @EnumField(PROMOTION_TYPES, { description: 'Fixed at creation', example: 'trigger' })
  type!: PromotionType;

  @TextField({ example: 'Birthday' })
  name!: string;

  @ExternalIdField({ description: 'Unique in the program; not all digits', example: 'birthday' })
  external_id!: string;

  @BoolField({ example: true })
  is_active!: boolean;
}

/** A draft promotion for `promotions/simulate`: what `create` takes, without the program. */
export class DraftPromotionDto extends PromotionOptionalFields implements CreatePromotionInput {
  @EnumField(PROMOTION_TYPES, { description: 'discount or points', example: 'discount' })
  type!: PromotionType;

  @TextField({ example: 'Draft 15%' })
  name!: string;

  @ExternalIdField({ description: 'Not all digits', example: 'draft15' })
  external_id!: string;

  @BoolField({ example: true })
  is_active!: boolean;
}

export class UpdatePromotionRequest extends PromotionOptionalFields implements CreatePromotionInput {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @IdOrExternalIdField({ example: 'birthday' })
  promotion_id!: number | string;

  @EnumField(PROMOTION_TYPES, { optional: true, description: 'May be repeated, never changed', example: 'trigger' })
  type?: PromotionType;

  @TextField({ optional: true, example: 'Birthday' })
  name?: string;

  @ExternalIdField({ optional: true, description: 'Unique in the program; not all digits', example: 'birthday' })
  external_id?: string;

  @BoolField({ optional: true, example: true })
  is_active?: boolean;
}

export class PromotionRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @IdOrExternalIdField({ example: 'birthday' })
  promotion_id!: number | string;
}

export class ListPromotionsRequest extends PageRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @EnumField(PROMOTION_TYPES, { optional: true, nullable: true, example: 'trigger' })
  type?: PromotionType | null;

  @BoolField({ optional: true, nullable: true, example: true })
  is_active?: boolean | null;
}

export class TriggerPromotionsRequest extends PageRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @BoolField({ optional: true, nullable: true, example: true })
  is_active?: boolean | null;
}

export class CreatePromotionResponse {
  @Out({ type: 'integer', example: 1 })
  id!: number;

  @Out({ example: 'birthday' })
  external_id!: string;
}

export class PromotionActivityResponse extends CreatePromotionResponse {
  @Out({ example: true })
  is_active!: boolean;
}

export class TriggerRuleView {
  @Out({ example: 'bonus' })
  points_currency_eid!: string;

  @Out({ nullable: true, example: '100.00' })
  static_amount!: string | null;

  @Out({ nullable: true, example: null })
  min_amount!: string | null;

  @Out({ nullable: true, example: null })
  max_amount!: string | null;
}

export class PromotionLimitsView {
  @Out({ type: 'integer', nullable: true, example: 1 })
  per_member!: number | null;

  @Out({ enum: LIMIT_PERIODS, nullable: true, example: 'year' })
  per_member_period!: LimitPeriod | null;

  @Out({ type: 'integer', nullable: true, example: null })
  total_uses!: number | null;

  @Out({ nullable: true, description: 'Points', example: null })
  budget!: string | null;
}

export class TriggerPromotionItemView {
  @Out({ type: 'integer', example: 1 })
  id!: number;

  @Out({ example: 'Birthday' })
  name!: string;

  @Out({ nullable: true, example: '100 points on the birthday' })
  description!: string | null;

  @Out({ example: 'birthday' })
  external_id!: string;

  @Out({ format: 'date-time', nullable: true, example: '2025-12-31T21:00:00.000Z' })
  start_date!: string | null;

  @Out({ format: 'date-time', nullable: true, example: '2026-12-31T20:59:59.999Z' })
  end_date!: string | null;

  @Out({ example: true })
  is_active!: boolean;

  @Out({ type: [TriggerRuleView] })
  accrual_rules!: TriggerRuleView[];

  @Out({ type: [TriggerRuleView] })
  redeem_rules!: TriggerRuleView[];
}

export class PromotionView extends TriggerPromotionItemView {
  @Out({ type: 'integer', example: 1 })
  loyalty_program_id!: number;

  @Out({ enum: PROMOTION_TYPES, example: 'trigger' })
  type!: PromotionType;

  @Out({ type: 'integer', example: 0 })
  priority!: number;

  @Out({ enum: STACKING_MODES, example: 'combinable' })
  stacking!: Stacking;

  @Out({ type: 'object', nullable: true, additionalProperties: true, example: null })
  conditions!: Record<string, unknown> | null;

  @Out({ type: PromotionLimitsView })
  limits!: PromotionLimitsView;

  @Out({ type: 'integer', nullable: true, example: null })
  promo_code_program_id!: number | null;

  @Out({ enum: RETURN_POLICIES, example: 'keep' })
  return_policy!: PromotionReturnPolicy;

  @Out({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'Discount promotions',
    example: null,
  })
  discount!: Record<string, unknown> | null;

  @Out({ type: 'object', nullable: true, additionalProperties: true, description: 'Points promotions', example: null })
  accrual!: Record<string, unknown> | null;

  @Out({ type: 'object', nullable: true, additionalProperties: true, description: 'Points promotions', example: null })
  redemption!: Record<string, unknown> | null;

  @Out({ type: 'integer', example: 0 })
  uses_count!: number;

  @Out({
    description: 'Money (discount promotions) or points given so far, counted against limits.budget',
    example: '0.00',
  })
  budget_used!: string;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  updated_at!: string;
}

export class ListPromotionsResponse extends PageInfo {
  @Out({ type: [PromotionView] })
  items!: PromotionView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}

export class TriggerPromotionsResponse extends PageInfo {
  @Out({ type: [TriggerPromotionItemView] })
  items!: TriggerPromotionItemView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}
