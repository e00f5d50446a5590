import { assertCheckoutImportKeeps, CommittedOrder } from './checkout-order-import';
import type { SentLine, SentOrder } from './order-document';
import { issueOf } from './test-support';

const committed: CommittedOrder = {
  endpoint: 'website',
  currency: 'RUB',
  totalPrice: 250000n,
  deliveryCost: 30000n,
  region: 'msk',
  lines: [
    {
      externalId: 'line_1',
      product: 'iphone17',
      sku: null,
      basePricePerItem: 110000n,
      minPricePerItem: 50000n,
      finalPricePerItem: 92500n,
      count: 2,
      status: 'new',
    },
  ],
};

const line: SentLine = {
  position: 0,
  externalId: 'line_1',
  product: 'iphone17',
  sku: null,
  basePricePerItem: 110000n,
  minPricePerItem: null,
  finalPricePerItem: null,
  count: 2,
  status: null,
  customFields: null,
};

const sent: SentOrder = {
  externalId: 'order_1',
  endpoint: 'website',
  status: 'paid',
  currency: 'RUB',
  totalPrice: 250000n,
  deliveryCost: null,
  region: null,
  tags: ['vip'],
  customFields: { gift: true },
  createTime: null,
  updateTime: null,
  lines: null,
};

describe('assertCheckoutImportKeeps', () => {
  it('lets status, tags, custom fields and times through, with or without the same lines', () => {
    expect(() => assertCheckoutImportKeeps(committed, sent)).not.toThrow();
    expect(() => assertCheckoutImportKeeps(committed, { ...sent, lines: [line] })).not.toThrow();
    expect(() =>
      assertCheckoutImportKeeps(committed, {
        ...sent,
        deliveryCost: 30000n,
        region: 'msk',
        lines: [{ ...line, minPricePerItem: 50000n, finalPricePerItem: 92500n, status: 'new' }],
      }),
    ).not.toThrow();
  });

  it('names the first field that differs (error 1)', () => {
    const cases: [Partial<SentOrder>, string][] = [
      [{ endpoint: 'shop' }, 'data.endpoint'],
      [{ currency: 'EUR' }, 'data.currency'],
      [{ totalPrice: 1n }, 'data.total_price'],
      [{ deliveryCost: 0n }, 'data.delivery_cost'],
      [{ region: 'spb' }, 'data.region'],
      [{ lines: [] }, 'data.lines'],
      [{ lines: [{ ...line, externalId: 'line_2' }] }, 'data.lines[0].external_id'],
      [{ lines: [{ ...line, count: 1 }] }, 'data.lines[0].count'],
      [{ lines: [{ ...line, basePricePerItem: 1n }] }, 'data.lines[0].base_price_per_item'],
      [{ lines: [{ ...line, sku: 'x' }] }, 'data.lines[0].sku'],
      [{ lines: [{ ...line, finalPricePerItem: 1n }] }, 'data.lines[0].final_price_per_item'],
      [{ lines: [{ ...line, status: 'canceled' }] }, 'data.lines[0].status'],
    ];
    for (const [change, path] of cases) {
      expect(issueOf(() => assertCheckoutImportKeeps(committed, { ...sent, ...change }))).toEqual({
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
  });
});
