import 'reflect-metadata';
import { ApiValidationPipe } from '@loyalty/platform';
import { DomainError } from '@loyalty/kernel';
import { ImportOrderRequest } from './order-import.dto';
import { UpdateOrderLineStatusRequest } from './order-requests.dto';

const pipe = new ApiValidationPipe();
const validate = (metatype: new () => object, body: unknown) => pipe.transform(body, { type: 'body', metatype });
const pathsOf = (metatype: new () => object, body: unknown): string[] => {
  try {
    validate(metatype, body);
  } catch (error) {
    if (error instanceof DomainError) return (error.details.fields ?? []).map((field) => field.path);
    throw error;
  }
  return [];
};

const line = { external_id: 'line_1', product: 'iphone17', base_price_per_item: 1100, count: 2 };
const order = {
  external_id: 'order_1',
  endpoint: 'website',
  status: 'new',
  total_price: '2200.00',
  currency: 'RUB',
  lines: [line],
};

describe('market/orders/import body', () => {
  it('accepts the Altcraft order object, money as strings or numbers (made strings)', () => {
    const dto = validate(ImportOrderRequest, {
      custom_line_statuses: [{ external_id: 'packed', name: 'Packed', effect: 'none' }],
      custom_fields: [{ external_id: 'gift', name: 'Gift', entity_type: 'order', value_type: 'bool' }],
      data: {
        ...order,
        email: 'anna@example.com',
        tags: ['vip'],
        custom_fields: { gift: true },
        update_time: '2026-11-25 10:00:00',
      },
    }) as ImportOrderRequest;
    expect(dto.data.lines?.[0].base_price_per_item).toBe('1100');
  });

  it('names bad fields by path', () => {
    expect(pathsOf(ImportOrderRequest, { data: { ...order, lines: [{ ...line, count: 0 }] } })).toEqual([
      'data.lines[0].count',
    ]);
    expect(pathsOf(ImportOrderRequest, { data: { ...order, lines: [{ ...line, count: 10_001 }] } })).toEqual([
      'data.lines[0].count',
    ]);
    expect(
      pathsOf(ImportOrderRequest, { data: { ...order, lines: [{ ...line, base_price_per_item: '-1' }] } }),
    ).toEqual(['data.lines[0].base_price_per_item']);
    expect(pathsOf(ImportOrderRequest, { data: { ...order, lines: [] } })).toEqual(['data.lines']);
    expect(pathsOf(ImportOrderRequest, { data: { ...order, status: 'lost' } })).toEqual(['data.status']);
    expect(pathsOf(ImportOrderRequest, { data: { ...order, nickname: 'x' } })).toEqual(['data.nickname']);
    expect(
      pathsOf(ImportOrderRequest, {
        data: order,
        custom_line_statuses: [{ external_id: 'x', name: 'X', effect: 'lost' }],
      }),
    ).toEqual(['custom_line_statuses[0].effect']);
    expect(
      pathsOf(ImportOrderRequest, {
        data: order,
        custom_fields: [{ external_id: 'x', name: 'X', entity_type: 'product', value_type: 'bool' }],
      }),
    ).toEqual(['custom_fields[0].entity_type']);
    expect(pathsOf(ImportOrderRequest, { data: { ...order, total_price: undefined } })).toContain('data.total_price');
  });

  it('refuses more than 500 lines', () => {
    const lines = Array.from({ length: 501 }, (_, index) => ({ ...line, external_id: `l${index}` }));
    expect(pathsOf(ImportOrderRequest, { data: { ...order, lines } })).toEqual(['data.lines']);
  });
});

describe('market/orders/update_order_line_status body', () => {
  it('takes an optional count of 1 or more', () => {
    const body = { order_external_id: 'o', order_line_external_id: 'l', status_external_id: 'refunded' };
    expect(pathsOf(UpdateOrderLineStatusRequest, body)).toEqual([]);
    expect(pathsOf(UpdateOrderLineStatusRequest, { ...body, count: 0 })).toEqual(['count']);
  });
});
