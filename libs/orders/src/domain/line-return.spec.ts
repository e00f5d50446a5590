import { committedReturnPlan, planLineReturn } from './line-return';
import { issueOf } from './test-support';

describe('planLineReturn', () => {
  it('returns every unit not yet returned by default, from the highest index down', () => {
    expect(planLineReturn({ count: 3, unitsReturned: 1, requested: null, pricePerItem: 3333n })).toEqual({
      units: 2,
      firstUnit: 0,
      lastUnit: 1,
      unitsReturnedAfter: 3,
      moneyToRefund: 6666n,
      pointsReturned: 0n,
      pointsCancelled: 0n,
      discountClawedBack: 0n,
    });
  });

  it('returns the requested additional units', () => {
    expect(planLineReturn({ count: 5, unitsReturned: 0, requested: 2, pricePerItem: 110000n })).toMatchObject({
      units: 2,
      firstUnit: 3,
      lastUnit: 4,
      unitsReturnedAfter: 2,
      moneyToRefund: 220000n,
    });
    expect(planLineReturn({ count: 5, unitsReturned: 2, requested: 1, pricePerItem: 100n })).toMatchObject({
      firstUnit: 2,
      lastUnit: 2,
      unitsReturnedAfter: 3,
    });
  });

  it('refuses more than is left (error 1 at count) and a line with nothing left (error 13)', () => {
    expect(issueOf(() => planLineReturn({ count: 3, unitsReturned: 1, requested: 3, pricePerItem: 1n }))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['count'],
    });
    expect(issueOf(() => planLineReturn({ count: 3, unitsReturned: 3, requested: null, pricePerItem: 1n }))).toEqual({
      code: 'TRANSACTION_STATE',
      paths: [],
    });
  });
});

describe('committedReturnPlan', () => {
  it('names the units a committed return took, from the figures of their allocation', () => {
    // E3: unit 3 of 3 returned: 23.33, 667 points back, 23 cancelled.
    expect(
      committedReturnPlan(
        { count: 3, unitsReturned: 1 },
        {
          units: 1,
          moneyToRefund: 2333n,
          pointsReturned: 66700n,
          pointsCancelledMain: 2300n,
          discountClawedBack: 0n,
        },
      ),
    ).toEqual({
      units: 1,
      firstUnit: 2,
      lastUnit: 2,
      unitsReturnedAfter: 1,
      moneyToRefund: 2333n,
      pointsReturned: 66700n,
      pointsCancelled: 2300n,
      discountClawedBack: 0n,
    });
    expect(
      committedReturnPlan(
        { count: 3, unitsReturned: 3 },
        { units: 2, moneyToRefund: 4666n, pointsReturned: 133300n, pointsCancelledMain: 4600n, discountClawedBack: 0n },
      ),
    ).toMatchObject({ firstUnit: 0, lastUnit: 1, unitsReturnedAfter: 3 });
  });
});
