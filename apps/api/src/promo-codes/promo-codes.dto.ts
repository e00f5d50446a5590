import {
  BoolField,
  DateTimeField,
  EnumField,
  EXTERNAL_ID_PATTERN,
  ExternalIdField,
  IdField,
  IntField,
  Out,
  StringArrayField,
  TextField,
} from '@loyalty/platform';
import {
  MAX_CODES_PER_CALL,
  MAX_CODES_PER_TASK,
  MAX_USES_PER_CODE,
  PROMO_CODE_KINDS,
  PromoCodeKind,
  PromoCodeProgramInput,
} from '@loyalty/loyalty';
import { MATCHING_KINDS, MatchingKind } from '@loyalty/profiles';
import { MatchingFields, PersonFields } from '../common/matching.dto';
import { PageInfo, PageRequest } from '../common/page.dto';

// ---- programs ---------------------------------------------------------------------------------

export class CreatePromoCodeProgramRequest implements PromoCodeProgramInput {
  @TextField({ example: 'Welcome codes' })
  name!: string;

  @ExternalIdField({ description: 'The name templates use; unique in the account', example: 'welcome' })
  short_name!: string;

  @EnumField(PROMO_CODE_KINDS, {
    description: 'personal: attached to one profile and used once by it; universal: used by anyone',
    example: 'personal',
  })
  kind!: PromoCodeKind;

  @BoolField({
    optional: true,
    nullable: true,
    description: 'Universal programs only: one code may be used more than once. Default false',
    example: false,
  })
  multi_use?: boolean | null;

  @DateTimeField({
    optional: true,
    nullable: true,
    description: "Codes are usable from this instant (a date alone: its start in the account's zone)",
    example: '2026-03-01',
  })
  valid_from?: string | null;

  @DateTimeField({
    optional: true,
    nullable: true,
    description: "Codes are usable up to this instant (a date alone: its end in the account's zone)",
    example: '2026-05-31',
  })
  valid_to?: string | null;

  @IntField({
    optional: true,
    nullable: true,
    min: 1,
    max: MAX_USES_PER_CODE,
    description: 'Multi-use programs only: uses of one code; absent or null for no limit',
    example: null,
  })
  max_uses_per_code?: number | null;
}

export class CreatePromoCodeProgramResponse {
  @Out({ type: 'integer', description: 'The promo-code program id', example: 1 })
  loyalty_id!: number;
}

export class PromoCodeProgramView {
  @Out({ type: 'integer', description: 'The loyalty_id', example: 1 })
  id!: number;

  @Out({ example: 'Welcome codes' })
  name!: string;

  @Out({ example: 'welcome' })
  short_name!: string;

  @Out({ enum: PROMO_CODE_KINDS, example: 'personal' })
  kind!: PromoCodeKind;

  @Out({ example: false })
  multi_use!: boolean;

  @Out({ format: 'date-time', nullable: true, example: '2026-02-28T21:00:00.000Z' })
  valid_from!: string | null;

  @Out({ format: 'date-time', nullable: true, example: '2026-05-31T20:59:59.999Z' })
  valid_to!: string | null;

  @Out({ type: 'integer', nullable: true, example: null })
  max_uses_per_code!: number | null;

  @Out({ format: 'date-time', example: '2026-03-01T09:00:00.000Z' })
  created_at!: string;

  @Out({ format: 'date-time', example: '2026-03-01T09:00:00.000Z' })
  updated_at!: string;
}

export class ListPromoCodeProgramsResponse extends PageInfo {
  @Out({ type: [PromoCodeProgramView] })
  items!: PromoCodeProgramView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}

// ---- codes ------------------------------------------------------------------------------------

export class GeneratePromoCodesRequest {
  @IdField({ description: 'The promo-code program', example: 1 })
  loyalty_id!: number;

  @TextField({
    description: '# is a digit (2-9), X a letter (A-Z without I, L, O), any other character itself',
    example: 'SALE-####-XXXX',
  })
  pattern!: string;

  @IntField({
    min: 1,
    max: MAX_CODES_PER_TASK,
    description: 'Up to 10,000 are made at once; more (up to 1,000,000) become a task',
    example: 1000,
  })
  count!: number;
}

export class GeneratePromoCodesResponse {
  @Out({
    type: 'integer',
    nullable: true,
    description: 'How many codes were made; null when a task makes them',
    example: 1000,
  })
  created!: number | null;

  @Out({
    type: 'integer',
    nullable: true,
    description: 'Above 10,000 codes: the task making them (tasks/get); null otherwise',
    example: null,
  })
  task_id!: number | null;
}

export class ImportPromoCodesRequest {
  @IdField({ example: 1 })
  loyalty_id!: number;

  @StringArrayField({
    maxItems: MAX_CODES_PER_CALL,
    maxLength: 255,
    pattern: EXTERNAL_ID_PATTERN,
    description: '1 to 10,000 codes, each 1-255 printable ASCII characters without spaces; all or nothing',
    example: ['CODE-1', 'CODE-2'],
  })
  codes!: string[];
}

export class ImportPromoCodesResponse {
  @Out({ type: 'integer', example: 2 })
  created!: number;
}

export class ListPromoCodesRequest extends PageRequest {
  @IdField({ example: 1 })
  loyalty_id!: number;
}

export class PromoCodeView {
  @Out({ example: 'SALE-2345-ABCD' })
  code!: string;

  @Out({ type: 'integer', example: 1 })
  loyalty_id!: number;

  @Out({ format: 'date-time', example: '2026-03-01T09:00:00.000Z' })
  created!: string;

  @Out({ example: true })
  is_attached!: boolean;

  @Out({ format: 'date-time', nullable: true, example: '2026-03-02T10:00:00.000Z' })
  attached!: string | null;

  @Out({ example: false })
  is_activated!: boolean;

  @Out({ format: 'date-time', nullable: true, example: null })
  activated!: string | null;

  @Out({ example: false })
  is_expired!: boolean;

  @Out({
    format: 'date-time',
    nullable: true,
    description: "When it expired (its expire_date or its program's valid_to, the earlier)",
    example: null,
  })
  expired!: string | null;

  @Out({ format: 'date-time', nullable: true, example: '2026-05-31T20:59:59.999Z' })
  expire_date!: string | null;

  @Out({ type: 'integer', description: 'Uses so far (multi-use codes count each)', example: 0 })
  uses!: number;
}

export class PromoCodeListItem extends PromoCodeView {
  @Out({ type: 'integer', description: 'Pass as from_id to continue after this code', example: 120 })
  id!: number;
}

export class ListPromoCodesResponse extends PageInfo {
  @Out({ type: [PromoCodeListItem] })
  items!: PromoCodeListItem[];

  @Out({ type: 'integer', example: 1000 })
  total_count!: number;
}

export class PromoCodeRequest {
  @ExternalIdField({ example: 'SALE-2345-ABCD' })
  code!: string;

  @IdField({ example: 1 })
  loyalty_id!: number;
}

export class AttachPromoCodeRequest extends MatchingFields {
  @IdField({ example: 1 })
  loyalty_id!: number;

  @IdField({ description: "The profile's database", example: 1 })
  db_id!: number;

  @ExternalIdField({
    optional: true,
    nullable: true,
    description: 'Absent or null: any free code of the program',
    example: 'SALE-2345-ABCD',
  })
  code?: string | null;
}

export class DetachPromoCodeRequest extends MatchingFields {
  @IdField({ example: 1 })
  loyalty_id!: number;

  @IdField({ example: 1 })
  db_id!: number;

  @ExternalIdField({ example: 'SALE-2345-ABCD' })
  code!: string;
}

export class PromoCodeAnswer {
  @Out({ example: 'SALE-2345-ABCD' })
  code!: string;
}

export class ActivatePromoCodeRequest extends PersonFields {
  @ExternalIdField({ example: 'SALE-2345-ABCD' })
  code!: string;

  @IdField({ example: 1 })
  loyalty_id!: number;

  @IdField({
    optional: true,
    nullable: true,
    description: 'With matching: the person using the code (a personal code must be theirs)',
    example: null,
  })
  db_id?: number | null;

  @EnumField(MATCHING_KINDS, { optional: true, nullable: true, example: null })
  matching?: MatchingKind | null;
}

export class UpdatePromoCodeRequest {
  @ExternalIdField({ example: 'SALE-2345-ABCD' })
  code!: string;

  @IdField({ example: 1 })
  loyalty_id!: number;

  @BoolField({
    optional: true,
    description: 'true marks the code used; false makes it unused again',
    example: true,
  })
  activated?: boolean;

  @DateTimeField({
    optional: true,
    nullable: true,
    description: "The code's own expiry (a date alone: its end in the account's zone); null removes it",
    example: '2026-05-31',
  })
  expire_date?: string | null;
}
