import {
  DecimalField,
  EnumField,
  ExternalIdField,
  IdField,
  IntField,
  NestedArrayField,
  NestedField,
  Out,
  TextField,
} from '@loyalty/platform';
import {
  MAX_REVIEW_PERIOD_MONTHS,
  MAX_TIERS,
  TierGroupReview,
  TIER_GROUP_TYPES,
  TierGroupInput,
  TierGroupType,
  TierInput,
} from '@loyalty/loyalty';
import { PageInfo, PageRequest } from '../common/page.dto';

export class TierGroupReviewDto implements TierGroupReview {
  @IntField({ min: 1, max: MAX_REVIEW_PERIOD_MONTHS, example: 12 })
  period_months!: number;

  @TextField({
    minLength: 10,
    maxLength: 10,
    description: 'A date (YYYY-MM-DD) the periods count from',
    example: '2026-01-01',
  })
  anchor_date!: string;
}

export class TierGroupTierDto implements TierInput {
  @ExternalIdField({ description: 'Unique in the group', example: 'silver' })
  tier_eid!: string;

  @TextField({ example: 'Silver' })
  name!: string;

  @DecimalField({
    description: 'Qualification points; the first tier 0.00, then strictly increasing',
    example: '1000.00',
  })
  threshold!: string;
}

export class CreateTierGroupRequest implements TierGroupInput {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @TextField({ example: 'Status' })
  name!: string;

  @EnumField(TIER_GROUP_TYPES, { description: 'Fixed at creation', example: 'cumulative' })
  tiers_group_type!: TierGroupType;

  @ExternalIdField({ description: 'A qualification currency of the program; fixed at creation', example: 'qp' })
  points_currency_eid!: string;

  @NestedField(() => TierGroupReviewDto, {
    optional: true,
    nullable: true,
    description: 'Required for periodic groups; cumulative groups have none',
  })
  review?: TierGroupReviewDto | null;

  @NestedArrayField(() => TierGroupTierDto, {
    minItems: 1,
    maxItems: MAX_TIERS,
    description: 'From the lowest tier; tier_order is the position',
  })
  tiers!: TierGroupTierDto[];
}

export class UpdateTierGroupRequest implements TierGroupInput {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @IdField({ example: 1 })
  tiers_group_id!: number;

  @TextField({ optional: true, example: 'Status' })
  name?: string;

  @EnumField(TIER_GROUP_TYPES, { optional: true, description: 'May be repeated, never changed', example: 'cumulative' })
  tiers_group_type?: TierGroupType;

  @ExternalIdField({ optional: true, description: 'May be repeated, never changed', example: 'qp' })
  points_currency_eid?: string;

  @NestedField(() => TierGroupReviewDto, { optional: true, nullable: true })
  review?: TierGroupReviewDto | null;

  @NestedArrayField(() => TierGroupTierDto, {
    optional: true,
    minItems: 1,
    maxItems: MAX_TIERS,
    description:
      'Replaces the ladder: tiers whose tier_eid stays keep their tier_id; a tier in members’ history cannot be removed',
  })
  tiers?: TierGroupTierDto[];
}

export class ListTierGroupsRequest extends PageRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;
}

export class CreatedTierGroupTierView {
  @Out({ type: 'integer', example: 2 })
  tier_id!: number;

  @Out({ example: 'silver' })
  tier_eid!: string;

  @Out({ type: 'integer', example: 1 })
  tier_order!: number;
}

export class CreateTierGroupResponse {
  @Out({ type: 'integer', example: 1 })
  tiers_group_id!: number;

  @Out({ type: [CreatedTierGroupTierView] })
  tiers!: CreatedTierGroupTierView[];
}

export class TierGroupTierView extends CreatedTierGroupTierView {
  @Out({ example: 'Silver' })
  name!: string;

  @Out({ example: '1000.00' })
  threshold!: string;
}

export class TierGroupReviewView {
  @Out({ type: 'integer', example: 12 })
  period_months!: number;

  @Out({ example: '2026-01-01' })
  anchor_date!: string;
}

export class TierGroupView {
  @Out({ type: 'integer', description: 'The tiers_group_id', example: 1 })
  id!: number;

  @Out({ type: 'integer', example: 1 })
  loyalty_program_id!: number;

  @Out({ example: 'Status' })
  name!: string;

  @Out({ enum: TIER_GROUP_TYPES, example: 'cumulative' })
  tiers_group_type!: TierGroupType;

  @Out({ example: 'qp' })
  points_currency_eid!: string;

  @Out({ type: TierGroupReviewView, nullable: true })
  review!: TierGroupReviewView | null;

  @Out({ type: [TierGroupTierView] })
  tiers!: TierGroupTierView[];

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  updated_at!: string;
}

export class ListTierGroupsResponse extends PageInfo {
  @Out({ type: [TierGroupView] })
  items!: TierGroupView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}
