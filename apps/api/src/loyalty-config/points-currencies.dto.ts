import {
  BoolField,
  DecimalField,
  EnumField,
  ExternalIdField,
  IdField,
  IntField,
  NestedField,
  Out,
  TextField,
} from '@loyalty/platform';
import {
  CURRENCY_TYPES,
  CurrencyInput,
  CurrencyType,
  MAX_ACTIVATION_DELAY_DAYS,
  CurrencyValidity,
  VALIDITY_UNITS,
  ValidityUnit,
} from '@loyalty/loyalty';
import { PageInfo, PageRequest } from '../common/page.dto';

export class CurrencyValidityDto implements CurrencyValidity {
  @EnumField(VALIDITY_UNITS, { example: 'month' })
  unit!: ValidityUnit;

  @IntField({ min: 1, max: 36_500, description: 'Day ≤ 36,500, month ≤ 1,200, year ≤ 100', example: 12 })
  value!: number;
}

/** The settings both create and update take (optional ones; null restores the default on update). */
class CurrencyOptionalFields {
  @DecimalField({
    optional: true,
    nullable: true,
    description: 'Points granted once at registration (standard currencies); default "0.00"',
    example: '100.00',
  })
  initial_balance?: string | null;

  @NestedField(() => CurrencyValidityDto, {
    optional: true,
    nullable: true,
    description: 'How long accrued points live; null (default) never expires',
  })
  validity?: CurrencyValidityDto | null;

  @IntField({
    optional: true,
    nullable: true,
    min: 0,
    max: MAX_ACTIVATION_DELAY_DAYS,
    description: 'Default 0',
    example: 0,
  })
  activation_delay_days?: number | null;

  @DecimalField({
    optional: true,
    nullable: true,
    description: 'Money one point pays for; default "1.00"',
    example: '1.00',
  })
  point_value?: string | null;

  @BoolField({ optional: true, nullable: true, description: 'Default false', example: false })
  allow_negative?: boolean | null;
}

export class CreatePointsCurrencyRequest extends CurrencyOptionalFields implements CurrencyInput {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @TextField({ example: 'Bonus points' })
  name!: string;

  @ExternalIdField({ description: 'Unique in the program; fixed at creation', example: 'bonus' })
  external_id!: string;

  @EnumField(CURRENCY_TYPES, { description: 'Fixed at creation', example: 'standard' })
  type!: CurrencyType;

  @IntField({ optional: true, min: 0, max: 2, description: '0 or 2 (default); fixed at creation', example: 2 })
  precision?: number;
}

export class UpdatePointsCurrencyRequest extends CurrencyOptionalFields implements CurrencyInput {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @IdField({ example: 1 })
  points_currency_iid!: number;

  @TextField({ optional: true, example: 'Bonus points' })
  name?: string;

  @ExternalIdField({ optional: true, description: 'May be repeated, never changed', example: 'bonus' })
  external_id?: string;

  @EnumField(CURRENCY_TYPES, { optional: true, description: 'May be repeated, never changed', example: 'standard' })
  type?: CurrencyType;

  @IntField({ optional: true, min: 0, max: 2, description: 'May be repeated, never changed', example: 2 })
  precision?: number;
}

export class ListPointsCurrenciesRequest extends PageRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;
}

export class CreatePointsCurrencyResponse {
  @Out({ type: 'integer', example: 1 })
  points_currency_iid!: number;
}

export class CurrencyValidityView {
  @Out({ enum: VALIDITY_UNITS, example: 'month' })
  unit!: ValidityUnit;

  @Out({ type: 'integer', example: 12 })
  value!: number;
}

export class PointsCurrencyView {
  @Out({ type: 'integer', description: 'The points_currency_iid', example: 1 })
  id!: number;

  @Out({ type: 'integer', example: 1 })
  loyalty_program_id!: number;

  @Out({ example: 'Bonus points' })
  name!: string;

  @Out({ example: 'bonus' })
  external_id!: string;

  @Out({ enum: CURRENCY_TYPES, example: 'standard' })
  type!: CurrencyType;

  @Out({ example: '100.00' })
  initial_balance!: string;

  @Out({ type: CurrencyValidityView, nullable: true })
  validity!: CurrencyValidityView | null;

  @Out({ type: 'integer', example: 0 })
  activation_delay_days!: number;

  @Out({ example: '1.00' })
  point_value!: string;

  @Out({ type: 'integer', enum: [0, 2], example: 2 })
  precision!: 0 | 2;

  @Out({ example: false })
  allow_negative!: boolean;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  updated_at!: string;
}

export class ListPointsCurrenciesResponse extends PageInfo {
  @Out({ type: [PointsCurrencyView] })
  items!: PointsCurrencyView[];

  @Out({ type: 'integer', example: 2 })
  total_count!: number;
}
