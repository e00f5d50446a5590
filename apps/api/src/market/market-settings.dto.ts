import { Allow } from 'class-validator';
import { BoolField, EnumField, ExternalIdField, IdField, Out, StringArrayField, TextField } from '@loyalty/platform';
import { ApiProperty } from '@nestjs/swagger';
import {
  CHANNEL_TYPES,
  ChannelType,
  CUSTOM_FIELD_ENTITY_TYPES,
  CUSTOM_FIELD_VALUE_TYPES,
  CustomFieldEntityType,
  CustomFieldValueType,
} from '@loyalty/market-catalog';
import { PageInfo, PageRequest } from '../common/page.dto';

const stamp = '2026-11-25T10:00:00.000Z';

export class CreatedIdResponse {
  @Out({ type: 'integer', example: 1 })
  id!: number;
}

export class CreateChannelRequest {
  @TextField({ example: 'Web shop' })
  name!: string;

  @ExternalIdField({ description: 'Unique in the account', example: 'web' })
  external_id!: string;

  @EnumField(CHANNEL_TYPES, { example: 'online' })
  type!: ChannelType;

  @IdField({ description: 'The profile database whose active program prices this channel', example: 1 })
  db_id!: number;

  @StringArrayField({ optional: true, nullable: true, maxItems: 100, maxLength: 255, example: ['main'] })
  tags?: string[] | null;
}

export class UpdateChannelRequest {
  @ExternalIdField({ description: 'The channel to change', example: 'web' })
  external_id!: string;

  @TextField({ optional: true, nullable: true, example: 'Web shop' })
  name?: string | null;

  @EnumField(CHANNEL_TYPES, { optional: true, nullable: true, example: 'online' })
  type?: ChannelType | null;

  @IdField({ optional: true, nullable: true, example: 1 })
  db_id?: number | null;

  @StringArrayField({
    optional: true,
    nullable: true,
    maxItems: 100,
    maxLength: 255,
    description: 'null clears',
    example: [],
  })
  tags?: string[] | null;
}

export class ChannelView {
  @Out({ type: 'integer', example: 1 }) id!: number;
  @Out({ example: 'web' }) external_id!: string;
  @Out({ example: 'Web shop' }) name!: string;
  @Out({ enum: CHANNEL_TYPES, example: 'online' }) type!: ChannelType;
  @Out({ type: 'integer', example: 1 }) db_id!: number;
  @Out({ type: [String], example: ['main'] }) tags!: string[];
  @Out({ format: 'date-time', example: stamp }) created_at!: string;
  @Out({ format: 'date-time', example: stamp }) updated_at!: string;
}

export class ListChannelsResponse extends PageInfo {
  @Out({ type: [ChannelView] }) items!: ChannelView[];
  @Out({ type: 'integer', example: 1 }) total_count!: number;
}

export class CreateEndpointRequest {
  @ExternalIdField({ description: 'The sales channel of the touchpoint', example: 'web' })
  channel_external_id!: string;

  @TextField({ example: 'Website' })
  name!: string;

  @ExternalIdField({ description: 'Unique in the account; orders name it as `endpoint`', example: 'website' })
  external_id!: string;
}

export class UpdateEndpointRequest {
  @ExternalIdField({ description: 'The touchpoint to change', example: 'website' })
  external_id!: string;

  @ExternalIdField({ optional: true, nullable: true, example: 'web' })
  channel_external_id?: string | null;

  @TextField({ optional: true, nullable: true, example: 'Website' })
  name?: string | null;
}

export class EndpointView {
  @Out({ type: 'integer', example: 1 }) id!: number;
  @Out({ example: 'website' }) external_id!: string;
  @Out({ example: 'Website' }) name!: string;
  @Out({ example: 'web' }) channel_external_id!: string;
  @Out({ format: 'date-time', example: stamp }) created_at!: string;
  @Out({ format: 'date-time', example: stamp }) updated_at!: string;
}

export class ListEndpointsResponse extends PageInfo {
  @Out({ type: [EndpointView] }) items!: EndpointView[];
  @Out({ type: 'integer', example: 1 }) total_count!: number;
}

export class CreateCurrencyRequest {
  @TextField({
    minLength: 3,
    maxLength: 3,
    description: 'ISO 4217 alpha-3; 3-minor-digit currencies are refused',
    example: 'RUB',
  })
  code!: string;
}

export class CreateCurrencyResponse extends CreatedIdResponse {
  @Out({ type: 'integer', enum: [0, 2], example: 2 }) minor_digits!: number;
}

export class CurrencyView {
  @Out({ type: 'integer', example: 1 }) id!: number;
  @Out({ example: 'RUB' }) code!: string;
  @Out({ type: 'integer', enum: [0, 2], example: 2 }) minor_digits!: number;
  @Out({ format: 'date-time', example: stamp }) created_at!: string;
}

export class ListCurrenciesResponse extends PageInfo {
  @Out({ type: [CurrencyView] }) items!: CurrencyView[];
  @Out({ type: 'integer', example: 1 }) total_count!: number;
}

export class CreateRegionRequest {
  @TextField({ example: 'Moscow' })
  name!: string;

  @ExternalIdField({ description: 'Unique in the account', example: 'msk' })
  external_id!: string;
}

export class RegionView {
  @Out({ type: 'integer', example: 1 }) id!: number;
  @Out({ example: 'msk' }) external_id!: string;
  @Out({ example: 'Moscow' }) name!: string;
  @Out({ format: 'date-time', example: stamp }) created_at!: string;
  @Out({ format: 'date-time', example: stamp }) updated_at!: string;
}

export class ListRegionsResponse extends PageInfo {
  @Out({ type: [RegionView] }) items!: RegionView[];
  @Out({ type: 'integer', example: 1 }) total_count!: number;
}

export class CreateCustomFieldRequest {
  @ExternalIdField({ description: 'Unique per entity type', example: 'color' })
  external_id!: string;

  @TextField({ example: 'Color' })
  name!: string;

  @EnumField(CUSTOM_FIELD_ENTITY_TYPES, { example: 'product' })
  entity_type!: CustomFieldEntityType;

  @EnumField(CUSTOM_FIELD_VALUE_TYPES, { example: 'string' })
  value_type!: CustomFieldValueType;

  @BoolField({ optional: true, nullable: true, description: 'Default false', example: false })
  required?: boolean | null;

  @Allow()
  @ApiProperty({
    required: false,
    nullable: true,
    description: 'A value of the field’s type, used when an item does not send the field',
    example: 'black',
  })
  default_value?: unknown;
}

export class ListCustomFieldsRequest extends PageRequest {
  @EnumField(CUSTOM_FIELD_ENTITY_TYPES, { optional: true, nullable: true, example: 'product' })
  entity_type?: CustomFieldEntityType | null;
}

export class CustomFieldView {
  @Out({ type: 'integer', example: 1 }) id!: number;
  @Out({ example: 'color' }) external_id!: string;
  @Out({ example: 'Color' }) name!: string;
  @Out({ enum: CUSTOM_FIELD_ENTITY_TYPES, example: 'product' }) entity_type!: CustomFieldEntityType;
  @Out({ enum: CUSTOM_FIELD_VALUE_TYPES, example: 'string' }) value_type!: CustomFieldValueType;
  @Out({ example: false }) required!: boolean;
  @Out({ nullable: true, example: 'black' }) default_value!: unknown;
  @Out({ format: 'date-time', example: stamp }) created_at!: string;
  @Out({ format: 'date-time', example: stamp }) updated_at!: string;
}

export class ListCustomFieldsResponse extends PageInfo {
  @Out({ type: [CustomFieldView] }) items!: CustomFieldView[];
  @Out({ type: 'integer', example: 1 }) total_count!: number;
}
