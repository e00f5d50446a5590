import {
  BoolField,
  DecimalField,
  EnumField,
  ExternalIdField,
  IdField,
  IntArrayField,
  NestedField,
  Out,
  TextField,
} from '@loyalty/platform';
import {
  ACTIVATE_ON_VALUES,
  ActivateOn,
  ARBITRATION_MODES,
  ArbitrationInput,
  ArbitrationMode,
  MAX_EXPIRY_NOTICE_DAYS,
  MAX_EXPIRY_NOTICES,
  ProgramInput,
  RedemptionInput,
} from '@loyalty/loyalty';
import { PageInfo } from '../common/page.dto';

export class ProgramArbitrationDto implements ArbitrationInput {
  @EnumField(ARBITRATION_MODES, { example: 'priority' })
  mode!: ArbitrationMode;

  @DecimalField({
    optional: true,
    nullable: true,
    description: 'Cap on the total discount of an order, percent 0..100; null for none',
    example: '30',
  })
  max_discount_percent?: string | null;
}

export class ProgramRedemptionDto implements RedemptionInput {
  @BoolField({ example: true })
  enabled!: boolean;

  @DecimalField({ description: 'Share of the eligible amount points may pay, percent 0..100', example: '100' })
  max_share_percent!: string;

  @DecimalField({ optional: true, nullable: true, description: 'Points; default "0.00"', example: '0.00' })
  min_redeem?: string | null;

  @DecimalField({ optional: true, nullable: true, description: 'Points; default "0.01"', example: '0.01' })
  step?: string | null;
}

/** The settings both create and update take (optional ones; null restores the default on update). */
class ProgramOptionalFields {
  @TextField({ optional: true, nullable: true, maxLength: 2000, example: 'Points for every purchase' })
  description?: string | null;

  @TextField({
    optional: true,
    nullable: true,
    maxLength: 64,
    description: "IANA time zone; default the account's",
    example: 'Europe/Moscow',
  })
  timezone?: string | null;

  @BoolField({ optional: true, nullable: true, description: 'Default true', example: true })
  is_active?: boolean | null;

  @NestedField(() => ProgramArbitrationDto, { optional: true, nullable: true })
  arbitration?: ProgramArbitrationDto | null;

  @NestedField(() => ProgramRedemptionDto, { optional: true, nullable: true })
  redemption?: ProgramRedemptionDto | null;

  @BoolField({ optional: true, nullable: true, description: 'Default false', example: false })
  allow_unknown_items?: boolean | null;

  @IntArrayField({
    optional: true,
    nullable: true,
    min: 1,
    max: MAX_EXPIRY_NOTICE_DAYS,
    maxItems: MAX_EXPIRY_NOTICES,
    description: 'Days before expiry to send points.expiring notices; default []',
    example: [7, 1],
  })
  expiry_notice_days?: number[] | null;

  @EnumField(ACTIVATE_ON_VALUES, { optional: true, nullable: true, description: 'Default "delay"', example: 'delay' })
  activate_on?: ActivateOn | null;

  @BoolField({ optional: true, nullable: true, description: 'Default true', example: true })
  release_on_cancel?: boolean | null;
}

export class CreateProgramRequest extends ProgramOptionalFields implements ProgramInput {
  @TextField({ example: 'Club' })
  name!: string;

  @ExternalIdField({ description: 'Unique in the account; not all digits', example: 'club' })
  external_id!: string;

  @IdField({ description: 'The profile database; fixed at creation', example: 1 })
  db_id!: number;

  @TextField({ minLength: 3, maxLength: 3, description: 'ISO 4217 code', example: 'RUB' })
  currency!: string;
}

export class UpdateProgramRequest extends ProgramOptionalFields implements ProgramInput {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @TextField({ optional: true, example: 'Club' })
  name?: string;

  @ExternalIdField({ optional: true, example: 'club' })
  external_id?: string;

  @IdField({ optional: true, description: 'May be repeated, never changed', example: 1 })
  db_id?: number;

  @TextField({ optional: true, minLength: 3, maxLength: 3, example: 'RUB' })
  currency?: string;
}

export class ProgramRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;
}

export class CreateProgramResponse {
  @Out({ type: 'integer', example: 1 })
  loyalty_program_id!: number;
}

export class ProgramArbitrationView {
  @Out({ enum: ARBITRATION_MODES, example: 'priority' })
  mode!: ArbitrationMode;

  @Out({ nullable: true, example: null })
  max_discount_percent!: string | null;
}

export class ProgramRedemptionView {
  @Out({ example: true })
  enabled!: boolean;

  @Out({ example: '100' })
  max_share_percent!: string;

  @Out({ example: '0.00' })
  min_redeem!: string;

  @Out({ example: '0.01' })
  step!: string;
}

export class ProgramView {
  @Out({ type: 'integer', description: 'The loyalty_program_id', example: 1 })
  id!: number;

  @Out({ example: 'Club' })
  name!: string;

  @Out({ example: 'club' })
  external_id!: string;

  @Out({ type: 'integer', example: 1 })
  db_id!: number;

  @Out({ nullable: true, example: 'Points for every purchase' })
  description!: string | null;

  @Out({ example: 'Europe/Moscow' })
  timezone!: string;

  @Out({ example: 'RUB' })
  currency!: string;

  @Out({ example: true })
  is_active!: boolean;

  @Out({ type: ProgramArbitrationView })
  arbitration!: ProgramArbitrationView;

  @Out({ type: ProgramRedemptionView })
  redemption!: ProgramRedemptionView;

  @Out({ example: false })
  allow_unknown_items!: boolean;

  @Out({ type: [Number], example: [7, 1] })
  expiry_notice_days!: number[];

  @Out({ enum: ACTIVATE_ON_VALUES, example: 'delay' })
  activate_on!: ActivateOn;

  @Out({ example: true })
  release_on_cancel!: boolean;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  updated_at!: string;
}

export class ListProgramsResponse extends PageInfo {
  @Out({ type: [ProgramView] })
  items!: ProgramView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}

export class ProgramActivityResponse {
  @Out({ type: 'integer', example: 1 })
  loyalty_program_id!: number;

  @Out({ example: true })
  is_active!: boolean;
}
