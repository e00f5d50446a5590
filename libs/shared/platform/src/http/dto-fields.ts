import { applyDecorators, Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateBy,
  ValidateNested,
} from 'class-validator';

/**
 * Field decorators that declare validation and the OpenAPI schema at once, so the document
 * cannot drift from what is enforced. `optional` fields may be absent; `nullable` ones may be null.
 */
export interface FieldOptions {
  optional?: boolean;
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

function presence(options: FieldOptions): PropertyDecorator[] {
  if (options.optional && options.nullable) return [IsOptional()];
  if (options.optional) return [ValidateIf((_object, value) => value !== undefined)];
  if (options.nullable) return [ValidateIf((_object, value) => value !== null)];
  return [];
}

function doc(options: FieldOptions, schema: ApiPropertyOptions): PropertyDecorator {
  return ApiProperty({
    ...schema,
    required: !options.optional,
    nullable: options.nullable || undefined,
    description: options.description,
    example: options.example,
  } as ApiPropertyOptions);
}

export function TextField(options: FieldOptions & { minLength?: number; maxLength?: number } = {}): PropertyDecorator {
  const min = options.minLength ?? 1;
  const max = options.maxLength ?? 255;
  return applyDecorators(
    ...presence(options),
    IsString(),
    Length(min, max),
    doc(options, { type: String, minLength: min, maxLength: max }),
  );
}

/** External ids and codes: 1–255 printable ASCII characters without spaces. */
export const EXTERNAL_ID_PATTERN = /^[\x21-\x7E]{1,255}$/;

export function ExternalIdField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(options),
    IsString(),
    Matches(EXTERNAL_ID_PATTERN, { message: '$property must be 1-255 printable ASCII characters without spaces' }),
    doc(options, { type: String, pattern: '^[\\x21-\\x7E]{1,255}$' }),
  );
}

export function IntField(options: FieldOptions & { min?: number; max?: number } = {}): PropertyDecorator {
  const min = options.min ?? 0;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  return applyDecorators(
    ...presence(options),
    IsInt(),
    Min(min),
    Max(max),
    doc(options, { type: 'integer', minimum: min, maximum: max }),
  );
}

/** A numeric id (a JSON number). */
export function IdField(options: FieldOptions = {}): PropertyDecorator {
  return IntField({ ...options, min: 1 });
}

export function BoolField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(...presence(options), IsBoolean(), doc(options, { type: Boolean }));
}

export function EnumField(values: readonly string[], options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(options),
    IsIn(values as string[], { message: `$property must be one of ${values.join(', ')}` }),
    doc(options, { enum: values as string[], type: String }),
  );
}

/** A free-form JSON object (custom fields and the like). */
export function ObjectField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(options),
    IsObject(),
    doc(options, { type: 'object', additionalProperties: true }),
  );
}

export function NestedField(type: () => ClassType, options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(options),
    IsObject(),
    ValidateNested(),
    Type(type),
    doc(options, { type: type() }),
  );
}

export function NestedArrayField(
  type: () => ClassType,
  options: FieldOptions & { maxItems: number; minItems?: number },
): PropertyDecorator {
  return applyDecorators(
    ...presence(options),
    IsArray(),
    ArrayMinSize(options.minItems ?? 0),
    ArrayMaxSize(options.maxItems),
    ValidateNested({ each: true }),
    Type(type),
    IsObject({ each: true }),
    doc(options, { type: type(), isArray: true, maxItems: options.maxItems, minItems: options.minItems }),
  );
}

/** A response property: documentation only. */
export function Out(schema: ApiPropertyOptions = {}): PropertyDecorator {
  return ApiProperty({ required: true, ...schema } as ApiPropertyOptions);
}

/** A string (1–255 characters), number or boolean: custom field values. */
export function ScalarField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(options),
    ValidateBy({
      name: 'isScalar',
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' && value.length >= 1 && value.length <= 255) ||
          typeof value === 'number' ||
          typeof value === 'boolean',
        defaultMessage: () => '$property must be a string (1-255 characters), a number or a boolean',
      },
    }),
    ApiProperty({
      oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }],
      required: !options.optional,
      nullable: options.nullable || undefined,
      description: options.description,
      example: options.example,
    }),
  );
}

const DECIMAL_TEXT = /^-?\d{1,15}(\.\d{1,2})?$/;

/**
 * A decimal amount (money or points): a string like "100.50", or a JSON number with at most 2
 * fraction digits (the body parser has checked its source text). Numbers become canonical text, so
 * the use case always parses a string with the kernel.
 */
export function DecimalField(options: FieldOptions & { signed?: boolean } = {}): PropertyDecorator {
  const pattern = options.signed ? DECIMAL_TEXT : /^\d{1,15}(\.\d{1,2})?$/;
  return applyDecorators(
    ...presence(options),
    Transform(({ value }) => (typeof value === 'number' ? String(value) : value)),
    IsString({ message: '$property must be a decimal string such as "100.50"' }),
    Matches(pattern, {
      message: options.signed
        ? '$property must be a decimal with at most 2 fraction digits'
        : '$property must be a non-negative decimal with at most 2 fraction digits',
    }),
    ApiProperty({
      type: String,
      pattern: pattern.source,
      required: !options.optional,
      nullable: options.nullable || undefined,
      description:
        options.description ?? 'Decimal string (a JSON number with at most 2 fraction digits is accepted too)',
      example: options.example,
    }),
  );
}

/** An RFC 3339 date-time with offset, or a date alone (the use case resolves it in the program's zone). */
export function DateTimeField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(options),
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}([Tt ].*)?$/, {
      message: '$property must be an RFC 3339 date-time or a date (YYYY-MM-DD)',
    }),
    ApiProperty({
      type: String,
      required: !options.optional,
      nullable: options.nullable || undefined,
      description: options.description ?? 'RFC 3339 with offset, or a date alone (resolved in the program time zone)',
      example: options.example,
    }),
  );
}

/** A list of integers (`expiry_notice_days: [7, 1]`). */
export function IntArrayField(
  options: FieldOptions & { min: number; max: number; maxItems: number },
): PropertyDecorator {
  return applyDecorators(
    ...presence(options),
    IsArray(),
    ArrayMaxSize(options.maxItems),
    IsInt({ each: true }),
    Min(options.min, { each: true }),
    Max(options.max, { each: true }),
    ApiProperty({
      type: 'array',
      items: { type: 'integer', minimum: options.min, maximum: options.max },
      maxItems: options.maxItems,
      required: !options.optional,
      nullable: options.nullable || undefined,
      description: options.description,
      example: options.example,
    }),
  );
}

/**
 * An entity named by its numeric id (a JSON number) or its external id (a string): `promotion_id`.
 * External ids of such entities are never all digits, so the two cannot be confused.
 */
export function IdOrExternalIdField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(options),
    ValidateBy({
      name: 'isIdOrExternalId',
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) ||
          (typeof value === 'string' && EXTERNAL_ID_PATTERN.test(value)),
        defaultMessage: () => '$property must be an id (a JSON number) or an external id (a string)',
      },
    }),
    ApiProperty({
      oneOf: [
        { type: 'integer', minimum: 1 },
        { type: 'string', pattern: '^[\\x21-\\x7E]{1,255}$' },
      ],
      required: !options.optional,
      nullable: options.nullable || undefined,
      description: options.description ?? 'The id (a JSON number) or the external id (a string)',
      example: options.example,
    }),
  );
}

/** A list of strings (`tags`, `pictures`), each 1..`maxLength` characters. */
export function StringArrayField(
  options: FieldOptions & { maxItems: number; maxLength?: number; pattern?: RegExp },
): PropertyDecorator {
  const maxLength = options.maxLength ?? 1000;
  return applyDecorators(
    ...presence(options),
    IsArray(),
    ArrayMaxSize(options.maxItems),
    IsString({ each: true }),
    Length(1, maxLength, { each: true }),
    ...(options.pattern ? [Matches(options.pattern, { each: true })] : []),
    ApiProperty({
      type: 'array',
      items: {
        type: 'string',
        minLength: 1,
        maxLength,
        ...(options.pattern ? { pattern: options.pattern.source } : {}),
      },
      maxItems: options.maxItems,
      required: !options.optional,
      nullable: options.nullable || undefined,
      description: options.description,
      example: options.example,
    }),
  );
}

/** A field Altcraft documents and this engine accepts and ignores (any JSON value). */
export function IgnoredField(description = 'Accepted for compatibility and ignored'): PropertyDecorator {
  return applyDecorators(IsOptional(), ApiProperty({ required: false, description }));
}
