import { checkOrderTotal, DocumentContext, readOrderDocument } from './order-document';
import type { OrderInput } from './order-input';
import { lineStatusEffect } from './line-status-effect';
import { issueOf } from './test-support';

const context: DocumentContext = {
  minorDigits: 2,
  zone: 'Europe/Moscow',
  lineEffect: (status) => lineStatusEffect(status, new Map([['packed', 'none']])),
};

const order: OrderInput = {
  external_id: 'order_1',
  endpoint: 'website',
  status: 'new',
  currency: 'RUB',
  total_price: '2500.00',
  delivery_cost: '300',
  create_time: '2026-11-25 10:00:00',
  lines: [
    { external_id: 'line_1', product: 'iphone17', base_price_per_item: '1100.00', min_price_per_item: '500', count: 2 },
    { external_id: 'line_2', sku: 'case-black', base_price_per_item: '0', count: 1, status: 'packed' },
  ],
};

describe('readOrderDocument', () => {
  it('reads money in minor units, times in the zone, and marks absent optional fields null', () => {
    const sent = readOrderDocument(order, context);
    expect(sent).toMatchObject({
      totalPrice: 250000n,
      deliveryCost: 30000n,
      region: null,
      tags: null,
      customFields: null,
      updateTime: null,
    });
    expect(sent.createTime?.toISOString()).toBe('2026-11-25T07:00:00.000Z');
    expect(sent.lines).toEqual([
      {
        position: 0,
        externalId: 'line_1',
        product: 'iphone17',
        sku: null,
        basePricePerItem: 110000n,
        minPricePerItem: 50000n,
        finalPricePerItem: null,
        count: 2,
        status: null,
        customFields: null,
      },
      {
        position: 1,
        externalId: 'line_2',
        product: null,
        sku: 'case-black',
        basePricePerItem: 0n,
        minPricePerItem: null,
        finalPricePerItem: null,
        count: 1,
        status: 'packed',
        customFields: null,
      },
    ]);
    expect(readOrderDocument({ ...order, lines: null }, context).lines).toBeNull();
  });

  it('refuses more fraction digits than the currency has (error 1 at the field)', () => {
    const yen = { ...context, minorDigits: 0 as const };
    expect(issueOf(() => readOrderDocument({ ...order, total_price: '2500.50' }, yen))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['data.total_price'],
    });
    const line = { external_id: 'l', product: 'p', base_price_per_item: '1.5', count: 1 };
    expect(issueOf(() => readOrderDocument({ ...order, total_price: '2', lines: [line] }, yen))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['data.lines[0].base_price_per_item'],
    });
  });

  it('refuses a repeated line id, a line without product or sku, and bad times (error 1)', () => {
    const lines = order.lines ?? [];
    expect(issueOf(() => readOrderDocument({ ...order, lines: [...lines, lines[0]] }, context))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['data.lines[2].external_id'],
    });
    const bare = { external_id: 'x', base_price_per_item: '1', count: 1 };
    expect(issueOf(() => readOrderDocument({ ...order, lines: [bare] }, context))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['data.lines[0].product'],
    });
    expect(issueOf(() => readOrderDocument({ ...order, update_time: '2026-11-25T10:00:00' }, context))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['data.update_time'],
    });
  });

  it('refuses a line status that is neither built in nor declared (error 18)', () => {
    const line = { external_id: 'x', product: 'p', base_price_per_item: '1', count: 1, status: 'lost' };
    expect(issueOf(() => readOrderDocument({ ...order, lines: [line] }, context))).toEqual({
      code: 'UNKNOWN_REFERENCE',
      paths: ['data.lines[0].status'],
    });
  });
});

describe('checkOrderTotal', () => {
  const lines = [
    { basePricePerItem: 110000n, count: 2 },
    { basePricePerItem: 0n, count: 1 },
  ];

  it('accepts Σ base × count + delivery', () => {
    expect(() => checkOrderTotal(lines, 30000n, 250000n, 2)).not.toThrow();
    expect(() => checkOrderTotal(lines, 0n, 220000n, 2)).not.toThrow();
  });

  it('names data.total_price with the expected sum otherwise', () => {
    expect(issueOf(() => checkOrderTotal(lines, 30000n, 249999n, 2))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['data.total_price'],
    });
    expect(() => checkOrderTotal(lines, 30000n, 1n, 2)).toThrow(/2500\.00/);
  });
});
