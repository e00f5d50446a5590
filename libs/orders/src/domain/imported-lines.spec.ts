import { planImportedLines } from './imported-lines';
import { lineStatusEffect } from './line-status-effect';
import type { SentLine } from './order-document';
import { issueOf } from './test-support';

const effect = (status: string) => lineStatusEffect(status, new Map());
const sentLine = (externalId: string, position: number, extra: Partial<SentLine> = {}): SentLine => ({
  position,
  externalId,
  product: 'p',
  sku: null,
  basePricePerItem: 100n,
  minPricePerItem: null,
  finalPricePerItem: null,
  count: 3,
  status: null,
  customFields: null,
  ...extra,
});

describe('planImportedLines', () => {
  const stored = [
    { id: 1, externalId: 'a', status: 'refunded', unitsReturned: 2 },
    { id: 2, externalId: 'b', status: 'delivered', unitsReturned: 0 },
  ];

  it('keeps lines by external id with their status, adds new ones as new, removes the rest', () => {
    const plan = planImportedLines(stored, [sentLine('c', 0), sentLine('a', 1)], effect);
    expect(plan.kept).toEqual([{ stored: stored[0], sent: sentLine('a', 1), status: 'refunded' }]);
    expect(plan.added).toEqual([{ sent: sentLine('c', 0), status: 'new' }]);
    expect(plan.removed).toEqual([stored[1]]);
  });

  it('takes a sent status', () => {
    const plan = planImportedLines(stored, [sentLine('a', 0), sentLine('b', 1, { status: 'delivering' })], effect);
    expect(plan.kept.map((kept) => kept.status)).toEqual(['refunded', 'delivering']);
  });

  it('refuses to drop a line that has returned units: its refund history must stay (error 1)', () => {
    expect(issueOf(() => planImportedLines(stored, [sentLine('b', 0)], effect))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['data.lines'],
    });
  });

  it('refuses to shrink a line below its returned units (error 1) or to revive a fully returned one (error 13)', () => {
    expect(issueOf(() => planImportedLines(stored, [sentLine('a', 0, { count: 1 })], effect))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['data.lines[0].count'],
    });
    expect(issueOf(() => planImportedLines(stored, [sentLine('a', 4, { count: 2, status: 'new' })], effect))).toEqual({
      code: 'TRANSACTION_STATE',
      paths: [],
    });
  });
});
