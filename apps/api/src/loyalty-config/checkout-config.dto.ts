import {
  BoolField,
  DecimalField,
  ExternalIdField,
  IdField,
  IdOrExternalIdField,
  NestedField,
  ObjectField,
  Out,
  TextField,
} from '@loyalty/platform';
import { PageInfo, PageRequest } from '../common/page.dto';

const PRODUCT_SET = {
  description:
    'A product set: {products?: [eid], skus?: [eid], categories?: [eid], segments?: [segment_id]}; a line matches ' +
    'when it is in any of them (categories include their sub-categories)',
  example: { categories: ['electronics'], products: ['iphone17'] },
};

const CONDITIONS = {
  description: 'A checkout condition tree (rules.md §6), checked when saved',
  example: { field: 'endpoint', op: 'eq', value: 'website' },
};

export class PartnerTermsDto {
  @DecimalField({ optional: true, nullable: true, description: 'Cashback in points, % of the paid line', example: '5' })
  cashback_percent?: string | null;

  @DecimalField({
    optional: true,
    nullable: true,
    description: "Multiplies the points given on the partner's lines",
    example: '2',
  })
  points_multiplier?: string | null;

  @DecimalField({ optional: true, nullable: true, description: "A discount on the partner's lines, %", example: null })
  discount_percent?: string | null;

  @BoolField({ optional: true, nullable: true, description: 'Default true', example: false })
  redemption_allowed?: boolean | null;

  @BoolField({ optional: true, nullable: true, description: 'Default false', example: true })
  funded_by_partner?: boolean | null;
}

export class CreatePartnerRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @TextField({ example: 'Apple' })
  name!: string;

  @ExternalIdField({ description: 'Unique in the program; not all digits', example: 'apple' })
  external_id!: string;

  @ObjectField(PRODUCT_SET)
  products!: Record<string, unknown>;

  @NestedField(() => PartnerTermsDto)
  terms!: PartnerTermsDto;
}

export class UpdatePartnerRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @IdOrExternalIdField({ description: 'The partner id or external id', example: 'apple' })
  partner_id!: number | string;

  @TextField({ optional: true, example: 'Apple' })
  name?: string;

  @ExternalIdField({ optional: true, example: 'apple' })
  external_id?: string;

  @ObjectField({ ...PRODUCT_SET, optional: true })
  products?: Record<string, unknown>;

  @NestedField(() => PartnerTermsDto, { optional: true, description: 'Replaced as a whole' })
  terms?: PartnerTermsDto;
}

export class ListByProgramRequest extends PageRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;
}

export class CreatedIdResponse {
  @Out({ type: 'integer', example: 1 })
  id!: number;
}

export class PartnerView {
  @Out({ type: 'integer', example: 1 })
  id!: number;

  @Out({ type: 'integer', example: 1 })
  loyalty_program_id!: number;

  @Out({ example: 'Apple' })
  name!: string;

  @Out({ example: 'apple' })
  external_id!: string;

  @Out({ type: 'object', additionalProperties: true, example: PRODUCT_SET.example })
  products!: Record<string, unknown>;

  @Out({
    type: 'object',
    additionalProperties: true,
    example: {
      cashback_percent: '5',
      points_multiplier: null,
      discount_percent: null,
      redemption_allowed: false,
      funded_by_partner: true,
    },
  })
  terms!: Record<string, unknown>;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  updated_at!: string;
}

export class ListPartnersResponse extends PageInfo {
  @Out({ type: [PartnerView] })
  items!: PartnerView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}

export class CreateOrderSegmentRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @TextField({ example: 'Online orders' })
  name!: string;

  @ObjectField(CONDITIONS)
  conditions!: Record<string, unknown>;
}

export class UpdateOrderSegmentRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @IdField({ example: 1 })
  order_segment_id!: number;

  @TextField({ optional: true, example: 'Online orders' })
  name?: string;

  @ObjectField({ ...CONDITIONS, optional: true })
  conditions?: Record<string, unknown>;
}

export class OrderSegmentRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @IdField({ example: 1 })
  order_segment_id!: number;
}

export class OrderSegmentView {
  @Out({ type: 'integer', example: 1 })
  id!: number;

  @Out({ type: 'integer', example: 1 })
  loyalty_program_id!: number;

  @Out({ example: 'Online orders' })
  name!: string;

  @Out({ type: 'object', additionalProperties: true, example: CONDITIONS.example })
  conditions!: Record<string, unknown>;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  updated_at!: string;
}

export class ListOrderSegmentsResponse extends PageInfo {
  @Out({ type: [OrderSegmentView] })
  items!: OrderSegmentView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}
