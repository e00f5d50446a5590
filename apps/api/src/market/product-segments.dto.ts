import { Allow } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { EnumField, IdField, IntField, Out, StringArrayField, TextField, EXTERNAL_ID_PATTERN } from '@loyalty/platform';
import { SEGMENT_ENTITIES, SEGMENT_KINDS, SegmentEntity, SegmentKind } from '@loyalty/market-catalog';
import { PageInfo } from '../common/page.dto';

const exampleTree = {
  all: [
    { field: 'category', op: 'eq', value: 'phones' },
    { field: 'price', op: 'gte', value: '100.00' },
  ],
};

function ConditionsField(): PropertyDecorator {
  return (target, key) => {
    Allow()(target, key);
    ApiProperty({
      required: false,
      nullable: true,
      additionalProperties: true,
      description:
        'Dynamic segments: a condition tree (rules.md §6) over product, sku, name, category (with sub-categories), tags, price, old_price, is_available, count, manufacturer_name, custom_fields.<id>',
      example: exampleTree,
    })(target, key);
  };
}

export class CreateSegmentRequest {
  @TextField({ example: 'Expensive phones' }) name!: string;
  @EnumField(SEGMENT_ENTITIES, { example: 'product' }) entity!: SegmentEntity;
  @EnumField(SEGMENT_KINDS, { example: 'dynamic' }) kind!: SegmentKind;
  @StringArrayField({
    optional: true,
    nullable: true,
    maxItems: 10_000,
    maxLength: 255,
    pattern: EXTERNAL_ID_PATTERN,
    description: 'Static segments: the external ids',
    example: [],
  })
  items?: string[] | null;
  @ConditionsField() conditions?: unknown;
}

export class UpdateSegmentRequest {
  @IdField({ example: 1 }) segment_id!: number;
  @TextField({ optional: true, nullable: true, example: 'Expensive phones' }) name?: string | null;
  @EnumField(SEGMENT_ENTITIES, { optional: true, nullable: true, example: 'product' }) entity?: SegmentEntity | null;
  @EnumField(SEGMENT_KINDS, { optional: true, nullable: true, example: 'dynamic' }) kind?: SegmentKind | null;
  @StringArrayField({
    optional: true,
    nullable: true,
    maxItems: 10_000,
    maxLength: 255,
    pattern: EXTERNAL_ID_PATTERN,
    example: [],
  })
  items?: string[] | null;
  @ConditionsField() conditions?: unknown;
}

export class SegmentIdRequest {
  @IdField({ example: 1 }) segment_id!: number;
}

export class SegmentMembersRequest extends SegmentIdRequest {
  @IdField({ optional: true, nullable: true, description: 'Continue after this item id (next_from_id)', example: null })
  from_id?: number | null;

  @IntField({
    optional: true,
    nullable: true,
    min: 1,
    max: 10_000,
    description: '1..10,000, default 1,000',
    example: 1000,
  })
  limit?: number | null;
}

export class SegmentView {
  @Out({ type: 'integer', example: 1 }) id!: number;
  @Out({ example: 'Expensive phones' }) name!: string;
  @Out({ enum: SEGMENT_ENTITIES, example: 'product' }) entity!: SegmentEntity;
  @Out({ enum: SEGMENT_KINDS, example: 'dynamic' }) kind!: SegmentKind;
  @Out({ type: [String], example: [] }) items!: string[];
  @Out({ type: 'object', additionalProperties: true, nullable: true, example: exampleTree }) conditions!: unknown;
  @Out({ format: 'date-time', example: '2026-11-25T10:00:00.000Z' }) created_at!: string;
  @Out({ format: 'date-time', example: '2026-11-25T10:00:00.000Z' }) updated_at!: string;
}

export class ListSegmentsResponse extends PageInfo {
  @Out({ type: [SegmentView] }) items!: SegmentView[];
  @Out({ type: 'integer', example: 1 }) total_count!: number;
}

export class SegmentMembersResponse {
  @Out({ type: [String], description: 'External ids of the live matching items, in id order', example: ['iphone17'] })
  items!: string[];
  @Out({
    type: 'integer',
    nullable: true,
    description: 'Pass as from_id for the next page; null at the end',
    example: null,
  })
  next_from_id!: number | null;
}
