import { DomainError } from '@loyalty/kernel';
import {
  BoolField,
  EnumField,
  ExternalIdField,
  IdField,
  IntField,
  NestedArrayField,
  NestedField,
  ObjectField,
  ScalarField,
  TextField,
} from './dto-fields';
import { InvalidJsonBody } from './json-body';
import { ApiValidationPipe } from './validation.pipe';

class LineDto {
  @ExternalIdField() sku!: string;
  @IntField({ min: 1, max: 100 }) count!: number;
}

class AddressDto {
  @TextField({ maxLength: 10 }) city!: string;
}

class OrderDto {
  @IdField() program_id!: number;
  @EnumField(['email', 'phone']) matching!: string;
  @NestedArrayField(() => LineDto, { maxItems: 3, minItems: 1 }) data!: LineDto[];
  @NestedField(() => AddressDto, { optional: true }) address?: AddressDto;
  @BoolField({ optional: true }) gift?: boolean;
}

class PresenceDto {
  @TextField() required!: string;
  @TextField({ optional: true }) optional?: string;
  @TextField({ nullable: true }) nullable!: string | null;
  @TextField({ optional: true, nullable: true }) either?: string | null;
}

class ExternalIdDto {
  @ExternalIdField() id!: string;
}

class CustomFieldDto {
  @ScalarField() value!: string | number | boolean;
  @ObjectField({ optional: true }) extra_fields?: Record<string, unknown>;
}

const pipe = new ApiValidationPipe();

function validate(body: unknown, metatype: new () => object): unknown {
  return pipe.transform(body, { type: 'body', metatype });
}

function failureOf(body: unknown, metatype: new () => object): DomainError {
  try {
    validate(body, metatype);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the body was accepted');
}

function failedPaths(body: unknown, metatype: new () => object): string[] {
  const error = failureOf(body, metatype);
  expect(error.code).toBe('VALIDATION_FAILED');
  return [...new Set((error.details.fields ?? []).map((issue) => issue.path))];
}

const validOrder = () => ({
  program_id: 1,
  matching: 'email',
  data: [
    { sku: 'A-1', count: 2 },
    { sku: 'B-2', count: 1 },
  ],
});

describe('ApiValidationPipe', () => {
  it('returns an instance of the DTO with the body fields', () => {
    const dto = validate({ ...validOrder(), address: { city: 'Moscow' } }, OrderDto) as OrderDto;
    expect(dto).toBeInstanceOf(OrderDto);
    expect(dto.data[0]).toBeInstanceOf(LineDto);
    expect(dto.address).toBeInstanceOf(AddressDto);
    expect(dto.data.map((line) => line.sku)).toEqual(['A-1', 'B-2']);
    expect(dto.address?.city).toBe('Moscow');
  });

  it('accepts and strips token and format at the top level', () => {
    const dto = validate({ ...validOrder(), token: 'lyt_secret', format: 'json' }, OrderDto);
    expect(Object.keys(dto as object).sort()).toEqual(['data', 'matching', 'program_id']);
  });

  it('rejects an unknown top-level field', () => {
    const error = failureOf({ ...validOrder(), extra: 1 }, OrderDto);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('extra: unknown field');
    expect(error.details.fields).toEqual([{ path: 'extra', message: 'unknown field' }]);
  });

  it('rejects an unknown field in an array item, naming its index', () => {
    const body = validOrder();
    const error = failureOf({ ...body, data: [body.data[0], { ...body.data[1], extra: true }] }, OrderDto);
    expect(error.details.fields).toEqual([{ path: 'data[1].extra', message: 'unknown field' }]);
  });

  it('rejects token and format below the top level', () => {
    const body = validOrder();
    const error = failureOf(
      { ...body, data: [{ ...body.data[0], token: 'x' }], address: { city: 'A', format: 'x' } },
      OrderDto,
    );
    expect(error.details.fields).toEqual([
      { path: 'data[0].token', message: 'unknown field' },
      { path: 'address.format', message: 'unknown field' },
    ]);
  });

  it('reports every problem with its JSON path', () => {
    const error = failureOf(
      { program_id: 0, matching: 'fax', data: [{ sku: 'A', count: 101 }], address: { city: 'x'.repeat(11) } },
      OrderDto,
    );
    expect(error.details.fields).toEqual([
      { path: 'program_id', message: 'program_id must not be less than 1' },
      { path: 'matching', message: 'matching must be one of email, phone' },
      { path: 'data[0].count', message: 'count must not be greater than 100' },
      { path: 'address.city', message: 'city must be shorter than or equal to 10 characters' },
    ]);
    expect(error.message).toBe('program_id: program_id must not be less than 1');
  });

  it('checks the size of arrays and that their items are objects', () => {
    expect(failedPaths({ ...validOrder(), data: [] }, OrderDto)).toEqual(['data']);
    const four = Array.from({ length: 4 }, () => ({ sku: 'A', count: 1 }));
    expect(failedPaths({ ...validOrder(), data: four }, OrderDto)).toEqual(['data']);
    expect(failureOf({ ...validOrder(), data: [1] }, OrderDto).details.fields).toEqual([
      { path: 'data', message: 'each value in data must be an object' },
      { path: 'data[0]', message: 'each value in nested property data must be either object or array' },
    ]);
    expect(failedPaths({ ...validOrder(), data: { sku: 'A', count: 1 } }, OrderDto)).toEqual(['data']);
  });

  it('refuses a number written as a string and a fractional id', () => {
    expect(failedPaths({ ...validOrder(), program_id: '1' }, OrderDto)).toEqual(['program_id']);
    expect(failedPaths({ ...validOrder(), program_id: 1.5 }, OrderDto)).toEqual(['program_id']);
    expect(failedPaths({ ...validOrder(), gift: 'true' }, OrderDto)).toEqual(['gift']);
  });

  it('reports a body that was not valid JSON', () => {
    const error = failureOf(new InvalidJsonBody('1.001 has more than 2 fraction digits', 'data[0].count'), OrderDto);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('1.001 has more than 2 fraction digits');
    expect(error.details.fields).toEqual([{ path: 'data[0].count', message: '1.001 has more than 2 fraction digits' }]);
    expect(failureOf(new InvalidJsonBody('Unexpected end'), OrderDto).details.fields).toEqual([
      { path: '', message: 'Unexpected end' },
    ]);
  });

  it.each([
    ['an array', [validOrder()]],
    ['a string', 'program_id=1'],
    ['a number', 1],
  ])('refuses %s as the body', (_name, body) => {
    const error = failureOf(body, OrderDto);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.fields).toEqual([{ path: '', message: 'must be a JSON object' }]);
  });

  it('validates a missing body as {}', () => {
    expect(failedPaths(undefined, PresenceDto)).toEqual(['required', 'nullable']);
    expect(failedPaths(null, PresenceDto)).toEqual(['required', 'nullable']);
  });

  it('passes through what is not a body with a DTO', () => {
    const value = { anything: 1 };
    expect(pipe.transform(value, { type: 'query', metatype: OrderDto })).toBe(value);
    expect(pipe.transform(value, { type: 'body', metatype: Object })).toBe(value);
    expect(pipe.transform(value, { type: 'body' })).toBe(value);
  });

  describe('optional and nullable fields', () => {
    it('requires a plain field to be present and not null', () => {
      expect(failedPaths({ nullable: null }, PresenceDto)).toEqual(['required']);
      expect(failedPaths({ required: null, nullable: null }, PresenceDto)).toEqual(['required']);
      expect(validate({ required: 'r', nullable: null }, PresenceDto)).toEqual({ required: 'r', nullable: null });
    });

    it('lets an optional field be absent but not null', () => {
      expect(validate({ required: 'r', nullable: 'n', optional: 'o' }, PresenceDto)).toEqual({
        required: 'r',
        nullable: 'n',
        optional: 'o',
      });
      expect(failedPaths({ required: 'r', nullable: null, optional: null }, PresenceDto)).toEqual(['optional']);
      expect(failedPaths({ required: 'r', nullable: null, optional: '' }, PresenceDto)).toEqual(['optional']);
    });

    it('lets a nullable field be null but not absent', () => {
      expect(failedPaths({ required: 'r' }, PresenceDto)).toEqual(['nullable']);
      expect(failedPaths({ required: 'r', nullable: 5 }, PresenceDto)).toEqual(['nullable']);
    });

    it('lets an optional nullable field be absent or null', () => {
      expect(validate({ required: 'r', nullable: null, either: null }, PresenceDto)).toEqual({
        required: 'r',
        nullable: null,
        either: null,
      });
      expect(failedPaths({ required: 'r', nullable: null, either: 3 }, PresenceDto)).toEqual(['either']);
    });
  });

  describe('ExternalIdField', () => {
    it.each(['order_12345', 'SALE-0042', '!', '~'.repeat(255), 'a/b:c#1'])('accepts %p', (id) => {
      expect(validate({ id }, ExternalIdDto)).toEqual({ id });
    });

    it.each([
      ['a space', 'a b'],
      ['256 characters', 'x'.repeat(256)],
      ['the empty string', ''],
      ['a tab', 'a\tb'],
      ['Cyrillic', 'заказ-1'],
      ['a number', 12345],
    ])('rejects %s', (_name, id) => {
      const error = failureOf({ id }, ExternalIdDto);
      expect(error.details.fields).toContainEqual({
        path: 'id',
        message: 'id must be 1-255 printable ASCII characters without spaces',
      });
    });
  });

  describe('ScalarField', () => {
    it.each(['x', 0, -1.5, false, 'y'.repeat(255)])('accepts %p', (value) => {
      expect(validate({ value }, CustomFieldDto)).toEqual({ value });
    });

    it.each([[''], ['y'.repeat(256)], [null], [[1]], [{ a: 1 }]])('rejects %p', (value) => {
      expect(failureOf({ value }, CustomFieldDto).details.fields).toEqual([
        { path: 'value', message: 'value must be a string (1-255 characters), a number or a boolean' },
      ]);
    });

    it('lets an ObjectField hold any keys', () => {
      expect(validate({ value: 1, extra_fields: { anything: [1], more: null } }, CustomFieldDto)).toEqual({
        value: 1,
        extra_fields: { anything: [1], more: null },
      });
      expect(failedPaths({ value: 1, extra_fields: 'x' }, CustomFieldDto)).toEqual(['extra_fields']);
    });
  });
});
