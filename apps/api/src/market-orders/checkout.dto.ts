import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { CheckoutData, CheckoutRequest, ORDER_STATUSES, OrderStatus } from '@loyalty/orders';
import {
  BoolField,
  DateTimeField,
  DecimalField,
  EnumField,
  ExternalIdField,
  NestedArrayField,
  NestedField,
  ObjectField,
  Out,
  StringArrayField,
  TextField,
} from '@loyalty/platform';
import { MATCHING_KINDS, MatchingKind } from '@loyalty/profiles';
import { PersonFields } from '../common/matching.dto';
import { ImportOrderLineDto } from './order-import.dto';

const POINTS_TO_REDEEM = /^(max|\d{1,15}(\.\d{1,2})?)$/;

/** `points_to_redeem`: points as a decimal (a JSON number is accepted), or "max". */
function PointsToRedeemField(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    ValidateIf((_, value) => value !== null),
    Transform(({ value }) => (typeof value === 'number' ? String(value) : value)),
    IsString({ message: '$property must be a decimal string or "max"' }),
    Matches(POINTS_TO_REDEEM, {
      message: '$property must be a non-negative decimal with at most 2 fraction digits, or "max"',
    }),
    ApiProperty({
      type: String,
      pattern: POINTS_TO_REDEEM.source,
      required: false,
      nullable: true,
      description: 'Points to spend: a number, "max" (as many as allowed), or absent (none)',
      example: '130.00',
    }),
  );
}

export class CheckoutDataDto implements CheckoutData {
  @ExternalIdField({ description: 'Touchpoint external id; its sales channel picks the program', example: 'website' })
  endpoint!: string;

  @EnumField(ORDER_STATUSES, { optional: true, nullable: true, description: 'Default "new"', example: 'new' })
  status?: OrderStatus | null;

  @DecimalField({ description: 'Σ base_price_per_item × count + delivery_cost', example: '2500.00' })
  total_price!: string;

  @TextField({ minLength: 3, maxLength: 3, description: "The program's currency", example: 'RUB' })
  currency!: string;

  @DecimalField({ optional: true, nullable: true, description: 'Default "0.00"', example: '300.00' })
  delivery_cost?: string | null;

  @DecimalField({
    optional: true,
    nullable: true,
    description: 'preorder: optional; preorder_commit: required, and compared with the recalculated total (error 14)',
    example: '2150.00',
  })
  final_total_price?: string | null;

  @StringArrayField({ optional: true, nullable: true, maxItems: 100, maxLength: 255, example: ['online'] })
  tags?: string[] | null;

  @DateTimeField({
    optional: true,
    nullable: true,
    description: 'Stored; never changes pricing',
    example: '2026-11-25T10:00:00Z',
  })
  create_time?: string | null;

  @DateTimeField({ optional: true, nullable: true, example: '2026-11-25T10:00:00Z' })
  update_time?: string | null;

  @ObjectField({ optional: true, nullable: true, example: {} })
  custom_fields?: Record<string, unknown> | null;

  @TextField({ optional: true, nullable: true, example: 'msk' })
  region?: string | null;

  @NestedArrayField(() => ImportOrderLineDto, { minItems: 1, maxItems: 500 })
  lines!: ImportOrderLineDto[];

  @StringArrayField({
    optional: true,
    nullable: true,
    maxItems: 10,
    maxLength: 255,
    description: 'Promo codes to apply (at most 10)',
    example: ['WELCOME10'],
  })
  promo_codes?: string[] | null;

  @PointsToRedeemField()
  points_to_redeem?: string | null;

  @ExternalIdField({
    optional: true,
    nullable: true,
    description: "A standard currency; default the program's first standard one",
    example: 'bonus',
  })
  points_currency_eid?: string | null;
}

export class PreorderRequest extends PersonFields implements CheckoutRequest {
  @ExternalIdField({ example: 'order_12345' })
  external_id!: string;

  @EnumField(MATCHING_KINDS, {
    optional: true,
    nullable: true,
    description: 'Optional: without it, the first of profile_id, email, phone present names the person',
    example: 'email',
  })
  matching?: MatchingKind | null;

  @NestedField(() => CheckoutDataDto)
  data!: CheckoutDataDto;
}

export class CommitPreorderRequest extends PreorderRequest {
  @BoolField({
    optional: true,
    nullable: true,
    description: 'Suppresses scenario triggers and order.committed webhooks for this order',
    example: false,
  })
  skip_triggers?: boolean | null;

  @TextField({
    optional: true,
    nullable: true,
    maxLength: 4000,
    description: "A preorder's quote.id: every quoted figure must still hold (error 14)",
    example: null,
  })
  quote_id?: string | null;
}

// ── Answers ────────────────────────────────────────────────────────────────────────────────────

export class PointsAmountView {
  @Out({ example: 'bonus' })
  points_currency_eid!: string;

  @Out({ example: '92.50' })
  amount!: string;
}

export class AccruedPointsView extends PointsAmountView {
  @Out({ format: 'date-time', example: '2026-12-09T10:00:00.000Z' })
  activation_date!: string;

  @Out({ format: 'date-time', nullable: true, example: null })
  expiration_date!: string | null;
}

export class LinePromotionView {
  @Out({ type: 'integer', example: 7 })
  id!: number;

  @Out({ example: 'online10' })
  external_id!: string;

  @Out({ example: '220.00' })
  discount!: string;

  @Out({ example: '0.00' })
  points_accrued!: string;
}

export class CalculatedLineView {
  @Out({ example: 'line_1' })
  external_id!: string;

  @Out({ nullable: true, example: 'iphone17' })
  product!: string | null;

  @Out({ nullable: true, example: 'iphone17-256-black' })
  sku!: string | null;

  @Out({ type: 'integer', example: 2 })
  count!: number;

  @Out({ example: '1100.00' })
  base_price_per_item!: string;

  @Out({
    description: 'What one unit costs after discounts and points (rounded down when units differ)',
    example: '925.00',
  })
  final_price_per_item!: string;

  @Out({ example: '1850.00' })
  final_line_total!: string;

  @Out({ example: '220.00' })
  discount!: string;

  @Out({ example: '130.00' })
  points_redeemed!: string;

  @Out({ example: '130.00' })
  points_redeemed_value!: string;

  @Out({ description: "Points of the program's main currency", example: '92.50' })
  points_accrued!: string;

  @Out({ type: [PointsAmountView] })
  points_accrued_by_currency!: PointsAmountView[];

  @Out({ type: [LinePromotionView] })
  promotions!: LinePromotionView[];
}

export class AppliedPromotionView extends LinePromotionView {
  @Out({ enum: ['discount', 'points'], example: 'discount' })
  type!: string;

  @Out({ example: '0.00' })
  points_redeemed!: string;
}

export class RejectedPromotionView {
  @Out({ type: 'integer', example: 9 })
  id!: number;

  @Out({ example: 'gold_x2' })
  external_id!: string;

  @Out({
    enum: [
      'CONDITIONS_NOT_MET',
      'TIER_MISMATCH',
      'LIMIT_REACHED',
      'CODE_MISSING',
      'CODE_INVALID',
      'EXCLUDED_BY_PRIORITY',
      'NO_EFFECT',
      'INACTIVE',
      'OUT_OF_DATES',
    ],
    example: 'TIER_MISMATCH',
  })
  reason!: string;
}

export class PromoCodeOutcomeView {
  @Out({ example: 'WELCOME10' })
  code!: string;

  @Out({
    enum: ['applied', 'invalid', 'expired', 'not_attached', 'already_used', 'not_applicable'],
    example: 'applied',
  })
  status!: string;
}

export class RedemptionView {
  @Out({ description: '"max", or the points asked for ("0.00" when absent)', example: '130.00' })
  requested!: string;

  @Out({ example: '500.00' })
  max_allowed!: string;

  @Out({ example: '130.00' })
  applied!: string;

  @Out({
    nullable: true,
    enum: ['NOT_ALLOWED', 'BALANCE', 'SHARE_CAP', 'MIN_PRICE', 'STEP', 'MIN_REDEEM'],
    example: null,
  })
  limited_by!: string | null;
}

export class CheckoutBalanceView {
  @Out({ example: '500.00' })
  active_balance!: string;

  @Out({ example: '600.00' })
  total_balance!: string;

  @Out({ example: '370.00' })
  active_after_commit!: string;
}

export class MemberTierView {
  @Out({ type: 'integer', example: 1 })
  tiers_group_id!: number;

  @Out({ example: 'silver' })
  tier_eid!: string;
}

export class CheckoutMemberView {
  @Out({ example: true })
  is_member!: boolean;

  @Out({ nullable: true, example: '6f1c2a9e8b7d4c3a2b1e0f9a' })
  profile_id!: string | null;

  @Out({ type: [MemberTierView] })
  tiers!: MemberTierView[];
}

export class QuoteView {
  @Out({ description: 'Pass as quote_id to preorder_commit', example: 'q_eyJh...' })
  id!: string;

  @Out({ example: 'sha256:9f2c...' })
  hash!: string;

  @Out({ format: 'date-time', example: '2026-11-25T10:15:00.000Z' })
  expires_at!: string;
}

export class PreorderView {
  @Out({ example: 'order_12345' })
  external_id!: string;

  @Out({ example: 'RUB' })
  currency!: string;

  @Out({ example: '2500.00' })
  total_price!: string;

  @Out({ example: '300.00' })
  delivery_cost!: string;

  @Out({ example: '2200.00' })
  goods_total!: string;

  @Out({ description: 'Goods and delivery discounts', example: '220.00' })
  discount_total!: string;

  @Out({ example: '0.00' })
  delivery_discount!: string;

  @Out({ example: '130.00' })
  points_redeemed!: string;

  @Out({ example: '130.00' })
  points_redeemed_value!: string;

  @Out({ example: '2150.00' })
  final_total_price!: string;

  @Out({ type: [AccruedPointsView] })
  points_accrued!: AccruedPointsView[];

  @Out({ type: [CalculatedLineView] })
  lines!: CalculatedLineView[];

  @Out({ type: [AppliedPromotionView] })
  applied_promotions!: AppliedPromotionView[];

  @Out({ type: [RejectedPromotionView] })
  rejected_promotions!: RejectedPromotionView[];

  @Out({ type: [PromoCodeOutcomeView] })
  promo_codes!: PromoCodeOutcomeView[];

  @Out({ type: RedemptionView })
  redemption!: RedemptionView;

  @Out({ type: CheckoutBalanceView, nullable: true, description: 'null for a non-member' })
  balance!: CheckoutBalanceView | null;

  @Out({ type: CheckoutMemberView })
  member!: CheckoutMemberView;

  @Out({ type: QuoteView })
  quote!: QuoteView;
}

export class CommitTransactionView {
  @Out({ type: 'integer', example: 101 })
  transaction_id!: number;

  @Out({ enum: ['redemption', 'accrual'], example: 'redemption' })
  transaction_type!: string;

  @Out({ example: 'bonus' })
  points_currency_eid!: string;

  @Out({ example: '130.00' })
  amount!: string;
}

export class CommitPreorderView extends PreorderView {
  @Out({ type: 'integer', example: 1 })
  order_id!: number;

  @Out({ type: [CommitTransactionView] })
  transactions!: CommitTransactionView[];

  @Out({ description: 'True when this external_id was committed before with the same body', example: false })
  replayed!: boolean;
}
