import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length } from 'class-validator';
import { CUSTOM_FIELD_VALUE_TYPES, CustomFieldValueType } from '@loyalty/market-catalog';
import {
  CustomLineStatusInput,
  ImportOrderInput,
  LINE_STATUS_EFFECTS,
  LineStatusEffect,
  ORDER_CUSTOM_FIELD_ENTITY_TYPES,
  ORDER_STATUSES,
  OrderCustomFieldInput,
  OrderInput,
  OrderLineInput,
  OrderStatus,
} from '@loyalty/orders';
import {
  DateTimeField,
  DecimalField,
  EnumField,
  ExternalIdField,
  IntField,
  NestedArrayField,
  NestedField,
  ObjectField,
  Out,
  TextField,
} from '@loyalty/platform';
import { MATCHING_KINDS, MatchingKind } from '@loyalty/profiles';
import { PersonFields } from '../common/matching.dto';

/** Up to 100 tags of 1–255 characters; absent or null keeps the stored ones on an update. */
function TagsField(example: string[]): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    IsArray(),
    ArrayMaxSize(100),
    IsString({ each: true }),
    Length(1, 255, { each: true }),
    ApiProperty({ type: [String], required: false, nullable: true, maxItems: 100, example }),
  );
}

const ORDER_TIME = 'RFC 3339 with offset, or the old "2006-01-25 15:04:05" form read in the account time zone';

export class ImportOrderLineDto implements OrderLineInput {
  @ExternalIdField({ description: 'Unique in the order', example: 'line_1' })
  external_id!: string;

  @ExternalIdField({ optional: true, nullable: true, description: 'Product or sku (or both)', example: 'iphone17' })
  product?: string | null;

  @ExternalIdField({ optional: true, nullable: true, example: 'iphone17-256-black' })
  sku?: string | null;

  @DecimalField({ example: '1100.00' })
  base_price_per_item!: string;

  @DecimalField({ optional: true, nullable: true, description: 'Default "0.00"', example: '500.00' })
  min_price_per_item?: string | null;

  @DecimalField({ optional: true, nullable: true, description: 'What one unit was paid', example: '925.00' })
  final_price_per_item?: string | null;

  @IntField({ min: 1, max: 10_000, example: 2 })
  count!: number;

  @ExternalIdField({
    optional: true,
    nullable: true,
    description: 'A built-in line status or a declared custom one; default "new" (a kept line keeps its status)',
    example: 'new',
  })
  status?: string | null;

  @ObjectField({ optional: true, nullable: true, example: { color: 'black' } })
  custom_fields?: Record<string, unknown> | null;
}

/** The Altcraft order object. */
export class ImportOrderDataDto extends PersonFields implements OrderInput {
  @ExternalIdField({ example: 'order_12345' })
  external_id!: string;

  @EnumField(MATCHING_KINDS, {
    optional: true,
    nullable: true,
    description: 'Default email; an order naming nobody is anonymous',
    example: 'email',
  })
  matching?: MatchingKind | null;

  @ExternalIdField({ description: 'Touchpoint external id', example: 'website' })
  endpoint!: string;

  @EnumField(ORDER_STATUSES, { example: 'new' })
  status!: OrderStatus;

  @DecimalField({ description: 'Σ base_price_per_item × count + delivery_cost', example: '2500.00' })
  total_price!: string;

  @TextField({ minLength: 3, maxLength: 3, description: "One of the account's market currencies", example: 'RUB' })
  currency!: string;

  @DecimalField({ optional: true, nullable: true, description: 'Default "0.00"', example: '300.00' })
  delivery_cost?: string | null;

  @TagsField(['online'])
  tags?: string[] | null;

  @DateTimeField({
    optional: true,
    nullable: true,
    description: `${ORDER_TIME}; default now`,
    example: '2026-11-25T10:00:00Z',
  })
  create_time?: string | null;

  @DateTimeField({
    optional: true,
    nullable: true,
    description: `${ORDER_TIME}; default now`,
    example: '2026-11-25 13:00:00',
  })
  update_time?: string | null;

  @ObjectField({ optional: true, nullable: true, example: { gift_wrap: true } })
  custom_fields?: Record<string, unknown> | null;

  @TextField({ optional: true, nullable: true, example: 'msk' })
  region?: string | null;

  @NestedArrayField(() => ImportOrderLineDto, {
    optional: true,
    nullable: true,
    minItems: 1,
    maxItems: 500,
    description: 'Required when the order is created; absent on an update keeps the stored lines',
  })
  lines?: ImportOrderLineDto[] | null;
}

export class ImportCustomLineStatusDto implements CustomLineStatusInput {
  @ExternalIdField({ description: 'Not a built-in line status', example: 'returned_to_store' })
  external_id!: string;

  @TextField({ example: 'Returned to the store' })
  name!: string;

  @EnumField(LINE_STATUS_EFFECTS, { example: 'refunded' })
  effect!: LineStatusEffect;
}

export class ImportOrderCustomFieldDto implements OrderCustomFieldInput {
  @ExternalIdField({ example: 'gift_wrap' })
  external_id!: string;

  @TextField({ example: 'Gift wrap' })
  name!: string;

  @EnumField(ORDER_CUSTOM_FIELD_ENTITY_TYPES, { example: 'order' })
  entity_type!: (typeof ORDER_CUSTOM_FIELD_ENTITY_TYPES)[number];

  @EnumField(CUSTOM_FIELD_VALUE_TYPES, { example: 'bool' })
  value_type!: CustomFieldValueType;
}

export class ImportOrderRequest implements ImportOrderInput {
  @NestedArrayField(() => ImportOrderCustomFieldDto, {
    optional: true,
    nullable: true,
    maxItems: 100,
    description: 'Field definitions: validated and ignored (define them with market/custom_fields/create)',
  })
  custom_fields?: ImportOrderCustomFieldDto[] | null;

  @NestedArrayField(() => ImportCustomLineStatusDto, {
    optional: true,
    nullable: true,
    maxItems: 100,
    description: "Upserted into the account's custom line statuses before the order is read",
  })
  custom_line_statuses?: ImportCustomLineStatusDto[] | null;

  @NestedField(() => ImportOrderDataDto)
  data!: ImportOrderDataDto;
}

export class ImportOrderResponse {
  @Out({ type: 'integer', example: 42 })
  order_id!: number;

  @Out({ example: 'order_12345' })
  external_id!: string;

  @Out({ description: 'true when the order was new (or deleted and imported anew)', example: true })
  created!: boolean;
}
