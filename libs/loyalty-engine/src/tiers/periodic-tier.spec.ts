import fc from 'fast-check';
import {
  nextReviewAfter,
  periodicTierChanges,
  periodQualificationPoints,
  reviewIndexAtOrBefore,
  reviewInstant,
  reviewPeriodEndingAt,
  reviewPeriodicTier,
  reviewsBetween,
  ReviewSchedule,
  tierForPoints,
} from './periodic-tier';
import { QualificationLot, Tier } from './tier-ladder';

const at = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

const tiers: Tier[] = [
  { tierId: 30, threshold: 500000n, order: 3 }, // Gold: 5,000.00
  { tierId: 10, threshold: 0n, order: 1 }, // Basic
  { tierId: 20, threshold: 100000n, order: 2 }, // Silver: 1,000.00
];

describe('review schedule', () => {
  it('counts periods from the anchor date, both ways, at the start of the local day (Warsaw, across DST)', () => {
    const quarterly: ReviewSchedule = { anchorDate: '2026-01-01', periodMonths: 3, timeZone: 'Europe/Warsaw' };
    expect(iso([-1, 0, 1, 2, 3, 4].map((index) => reviewInstant(quarterly, index)))).toEqual([
      '2025-09-30T22:00:00.000Z', // 1 October 2025, UTC+2
      '2025-12-31T23:00:00.000Z', // 1 January, UTC+1
      '2026-03-31T22:00:00.000Z', // 1 April, UTC+2 (summer time since 29 March)
      '2026-06-30T22:00:00.000Z',
      '2026-09-30T22:00:00.000Z',
      '2026-12-31T23:00:00.000Z', // back to UTC+1
    ]);
    expect(iso(reviewsBetween(quarterly, at('2026-01-15T00:00:00Z'), at('2026-12-31T23:00:00Z')))).toEqual([
      '2026-03-31T22:00:00.000Z',
      '2026-06-30T22:00:00.000Z',
      '2026-09-30T22:00:00.000Z',
      '2026-12-31T23:00:00.000Z',
    ]);
  });

  it('clamps month ends from the anchor, not from the previous review (31 Jan → 28 Feb → 31 Mar → 30 Apr)', () => {
    const monthly: ReviewSchedule = { anchorDate: '2026-01-31', periodMonths: 1, timeZone: 'UTC' };
    expect(iso([-2, -1, 0, 1, 2, 3].map((index) => reviewInstant(monthly, index)))).toEqual([
      '2025-11-30T00:00:00.000Z',
      '2025-12-31T00:00:00.000Z',
      '2026-01-31T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
      '2026-04-30T00:00:00.000Z',
    ]);
    const leap: ReviewSchedule = { anchorDate: '2024-02-29', periodMonths: 12, timeZone: 'UTC' };
    expect(iso([0, 1, 4].map((index) => reviewInstant(leap, index)))).toEqual([
      '2024-02-29T00:00:00.000Z',
      '2025-02-28T00:00:00.000Z',
      '2028-02-29T00:00:00.000Z',
    ]);
  });

  it('starts a review day that has no midnight at the end of the gap (Santiago, 6 September 2026)', () => {
    const schedule: ReviewSchedule = { anchorDate: '2026-06-06', periodMonths: 3, timeZone: 'America/Santiago' };
    expect(iso([0, 1, 2].map((index) => reviewInstant(schedule, index)))).toEqual([
      '2026-06-06T04:00:00.000Z', // 00:00 UTC-4
      '2026-09-06T04:00:00.000Z', // 01:00 UTC-3: the clocks jumped from 00:00 to 01:00
      '2026-12-06T03:00:00.000Z', // 00:00 UTC-3
    ]);
    expect(nextReviewAfter(schedule, at('2026-09-06T03:59:59.999Z')).toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(nextReviewAfter(schedule, at('2026-09-06T04:00:00.000Z')).toISOString()).toBe('2026-12-06T03:00:00.000Z');
  });

  it('finds the review at or before an instant, the review instant itself included', () => {
    const schedule: ReviewSchedule = { anchorDate: '2026-01-01', periodMonths: 3, timeZone: 'Europe/Warsaw' };
    expect(reviewIndexAtOrBefore(schedule, at('2026-03-31T21:59:59.999Z'))).toBe(0);
    expect(reviewIndexAtOrBefore(schedule, at('2026-03-31T22:00:00.000Z'))).toBe(1);
    expect(reviewIndexAtOrBefore(schedule, at('2025-12-31T22:59:59.999Z'))).toBe(-1);
    expect(reviewPeriodEndingAt(schedule, at('2026-03-31T22:00:00.000Z'))).toEqual({
      start: at('2025-12-31T23:00:00.000Z'),
      end: at('2026-03-31T22:00:00.000Z'),
    });
    expect(() => reviewPeriodEndingAt(schedule, at('2026-03-31T23:00:00.000Z'))).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
  });

  it('puts every instant between its review and the next (property, DST zones, clamped anchors)', () => {
    const zones = ['UTC', 'Europe/Warsaw', 'America/Santiago', 'Australia/Sydney'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 1, max: 28 }).chain((day) => fc.constantFrom(day, 29, 30, 31)),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (timeZone, day, month, periodMonths, ms) => {
          const daysIn = new Date(Date.UTC(2024, month, 0)).getUTCDate();
          const anchorDate = `2024-${String(month).padStart(2, '0')}-${String(Math.min(day, daysIn)).padStart(2, '0')}`;
          const schedule = { anchorDate, periodMonths, timeZone };
          const instant = new Date(ms);
          const index = reviewIndexAtOrBefore(schedule, instant);
          expect(reviewInstant(schedule, index).getTime()).toBeLessThanOrEqual(ms);
          expect(reviewInstant(schedule, index + 1).getTime()).toBeGreaterThan(ms);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('periodic review of a member', () => {
  const schedule: ReviewSchedule = { anchorDate: '2026-01-01', periodMonths: 3, timeZone: 'UTC' };
  const lots: QualificationLot[] = [
    { amount: 60000n, activationAt: at('2025-12-31T23:59:59.999Z') }, // the period before
    { amount: 100000n, activationAt: at('2026-01-01T00:00:00.000Z') }, // Q1, first instant
    { amount: 450000n, activationAt: at('2026-03-31T23:59:59.999Z'), cancelledAmount: 40000n }, // Q1, last instant
    { amount: 90000n, activationAt: at('2026-04-01T00:00:00.000Z') }, // Q2
  ];

  it('counts lots activated in [previous review, review), net of cancellations', () => {
    expect(periodQualificationPoints(lots, reviewPeriodEndingAt(schedule, at('2026-01-01T00:00:00Z')))).toBe(60000n);
    expect(periodQualificationPoints(lots, reviewPeriodEndingAt(schedule, at('2026-04-01T00:00:00Z')))).toBe(510000n);
    expect(periodQualificationPoints(lots, reviewPeriodEndingAt(schedule, at('2026-07-01T00:00:00Z')))).toBe(90000n);
  });

  it('moves to the highest tier within the period points, up or down', () => {
    expect(tierForPoints(tiers, 0n)).toBe(10);
    expect(tierForPoints(tiers, 99999n)).toBe(10);
    expect(tierForPoints(tiers, 100000n)).toBe(20);
    expect(tierForPoints(tiers, 10_000_000n)).toBe(30);
    expect(reviewPeriodicTier(tiers, lots, schedule, 10, at('2026-04-01T00:00:00Z'))).toEqual({
      reviewAt: at('2026-04-01T00:00:00Z'),
      points: 510000n,
      tierId: 30,
      changed: true,
    });
    expect(reviewPeriodicTier(tiers, lots, schedule, 30, at('2026-04-01T00:00:00Z')).changed).toBe(false);
    expect(
      periodicTierChanges(tiers, lots, schedule, 10, [
        at('2026-01-01T00:00:00Z'),
        at('2026-04-01T00:00:00Z'),
        at('2026-07-01T00:00:00Z'),
        at('2026-10-01T00:00:00Z'),
      ]),
    ).toEqual([
      { tierId: 30, reachedAt: at('2026-04-01T00:00:00Z') }, // Gold on 510,000
      { tierId: 10, reachedAt: at('2026-07-01T00:00:00Z') }, // 900.00 in Q2: below Silver
    ]);
  });
});
