import { planTierLadder, resolveReview } from './tier-ladder';
import { issueOf } from './test-support';

const tier = (tier_eid: string, threshold: string) => ({ tier_eid, name: tier_eid.toUpperCase(), threshold });

describe('planTierLadder', () => {
  it('numbers the tiers from 0, lowest first, thresholds in hundredths', () => {
    expect(planTierLadder([tier('bronze', '0'), tier('silver', '1000'), tier('gold', '5000.50')], 2)).toEqual([
      { tier_eid: 'bronze', name: 'BRONZE', threshold: 0n, tier_order: 0 },
      { tier_eid: 'silver', name: 'SILVER', threshold: 100000n, tier_order: 1 },
      { tier_eid: 'gold', name: 'GOLD', threshold: 500050n, tier_order: 2 },
    ]);
  });

  it('accepts a single base tier', () => {
    expect(planTierLadder([tier('base', '0.00')], 0)).toEqual([
      { tier_eid: 'base', name: 'BASE', threshold: 0n, tier_order: 0 },
    ]);
  });

  it.each([
    [
      [tier('bronze', '10'), tier('silver', '20')],
      'tiers[0].threshold',
      'the first (lowest) tier must have threshold 0.00',
    ],
    [
      [tier('bronze', '0'), tier('silver', '100'), tier('gold', '100')],
      'tiers[2].threshold',
      'must be greater than tiers[1].threshold (100.00); list tiers from the lowest',
    ],
    [
      [tier('bronze', '0'), tier('gold', '500'), tier('silver', '100')],
      'tiers[2].threshold',
      'must be greater than tiers[1].threshold (500.00); list tiers from the lowest',
    ],
    [
      [tier('bronze', '0'), tier('silver', '0')],
      'tiers[1].threshold',
      'must be greater than tiers[0].threshold (0.00); list tiers from the lowest',
    ],
    [
      [tier('bronze', '0'), tier('silver', '10'), tier('bronze', '20')],
      'tiers[2].tier_eid',
      'repeats tiers[0].tier_eid',
    ],
    [[tier('bronze', '0'), tier('silver', '-5')], 'tiers[1].threshold', 'must not be negative'],
    [[], 'tiers', 'must have at least one tier'],
  ])('refuses %j at %p', (tiers, path, message) => {
    expect(issueOf(() => planTierLadder(tiers, 2))).toEqual({ code: 'VALIDATION_FAILED', fields: [{ path, message }] });
  });

  it('checks thresholds against the precision of the currency', () => {
    expect(issueOf(() => planTierLadder([tier('a', '0'), tier('b', '10.5')], 0)).fields).toEqual([
      { path: 'tiers[1].threshold', message: 'must be a whole number of points for this currency' },
    ]);
  });
});

describe('resolveReview', () => {
  it('periodic groups need one; the date is a calendar date', () => {
    expect(resolveReview('periodic', { period_months: 12, anchor_date: '2026-01-01' })).toEqual({
      period_months: 12,
      anchor_date: '2026-01-01',
    });
    expect(issueOf(() => resolveReview('periodic', undefined)).fields).toEqual([
      { path: 'review', message: 'is required for periodic tier groups' },
    ]);
    expect(issueOf(() => resolveReview('periodic', { period_months: 0, anchor_date: '2026-01-01' })).fields).toEqual([
      { path: 'review.period_months', message: 'must be an integer from 1 to 120' },
    ]);
    expect(issueOf(() => resolveReview('periodic', { period_months: 121, anchor_date: '2026-01-01' })).fields).toEqual([
      { path: 'review.period_months', message: 'must be an integer from 1 to 120' },
    ]);
    expect(issueOf(() => resolveReview('periodic', { period_months: 6, anchor_date: '2026-02-30' })).fields).toEqual([
      { path: 'review.anchor_date', message: 'must be a date such as "2026-01-25"' },
    ]);
  });

  it('cumulative groups have none', () => {
    expect(resolveReview('cumulative', undefined)).toBeNull();
    expect(resolveReview('cumulative', null)).toBeNull();
    expect(issueOf(() => resolveReview('cumulative', { period_months: 12, anchor_date: '2026-01-01' })).fields).toEqual(
      [{ path: 'review', message: 'only periodic tier groups have a review' }],
    );
  });
});
