import { addToLocalDate, DomainError, localDateParts, parseDateOnly, startOfLocalDate } from '@loyalty/kernel';
import { netQualificationAmount, QualificationLot, rankedTiers, Tier, TierReached } from './tier-ladder';

/**
 * When a periodic tier group reviews its members: at the start of the local day (in the program's
 * zone) of `anchorDate` + k × `periodMonths` months, for every integer k (the anchor is itself a
 * review date, and the schedule runs both ways from it). Each date is computed from the anchor, not
 * from the previous review, and clamps like the rest of the kernel's month arithmetic: anchored on
 * 31 January with a 1-month period, the reviews fall on 28 (29) February, 31 March, 30 April, ...
 */
export interface ReviewSchedule {
  /** `YYYY-MM-DD`, a local date of the program's zone. */
  readonly anchorDate: string;
  readonly periodMonths: number;
  readonly timeZone: string;
}

/** The period a review closes: qualification lots activated in `[start, end)` count. */
export interface ReviewPeriod {
  readonly start: Date;
  readonly end: Date;
}

/** What a review decides for one member. */
export interface PeriodicReview {
  readonly reviewAt: Date;
  /** The period's activated qualification points, net of cancellations. */
  readonly points: bigint;
  /** The tier held from `reviewAt` on. */
  readonly tierId: number;
  /** Whether it differs from the tier held before the review. */
  readonly changed: boolean;
}

function misuse(message: string): DomainError {
  return new DomainError('INTERNAL', `periodic tier: ${message}`);
}

function checkedPeriod(schedule: ReviewSchedule): number {
  if (!Number.isSafeInteger(schedule.periodMonths) || schedule.periodMonths < 1) {
    throw misuse(`the review period must be a positive number of months, got ${schedule.periodMonths}`);
  }
  return schedule.periodMonths;
}

/** The review `index` periods after the anchor's (negative: before it). */
export function reviewInstant(schedule: ReviewSchedule, index: number): Date {
  const anchor = parseDateOnly(schedule.anchorDate, 'review.anchor_date');
  const date = addToLocalDate(anchor, index * checkedPeriod(schedule), 'month');
  return startOfLocalDate(date, schedule.timeZone);
}

/** The index of the last review at or before `instant` (the anchor's review is index 0). */
export function reviewIndexAtOrBefore(schedule: ReviewSchedule, instant: Date): number {
  const anchor = parseDateOnly(schedule.anchorDate, 'review.anchor_date');
  const local = localDateParts(instant, schedule.timeZone);
  const months = (local.year - anchor.year) * 12 + (local.month - anchor.month);
  let index = Math.floor(months / checkedPeriod(schedule));
  while (reviewInstant(schedule, index + 1).getTime() <= instant.getTime()) index += 1;
  while (reviewInstant(schedule, index).getTime() > instant.getTime()) index -= 1;
  return index;
}

/** The first review strictly after `instant`. */
export function nextReviewAfter(schedule: ReviewSchedule, instant: Date): Date {
  return reviewInstant(schedule, reviewIndexAtOrBefore(schedule, instant) + 1);
}

/** The reviews in `(after, upTo]`, oldest first. */
export function reviewsBetween(schedule: ReviewSchedule, after: Date, upTo: Date): Date[] {
  const reviews: Date[] = [];
  const last = reviewIndexAtOrBefore(schedule, upTo);
  for (let index = reviewIndexAtOrBefore(schedule, after) + 1; index <= last; index += 1) {
    reviews.push(reviewInstant(schedule, index));
  }
  return reviews;
}

/** The period the review at `reviewAt` closes: from the previous review up to it. */
export function reviewPeriodEndingAt(schedule: ReviewSchedule, reviewAt: Date): ReviewPeriod {
  const index = reviewIndexAtOrBefore(schedule, reviewAt);
  if (reviewInstant(schedule, index).getTime() !== reviewAt.getTime()) {
    throw misuse(`${reviewAt.toISOString()} is not a review instant of the schedule`);
  }
  return { start: reviewInstant(schedule, index - 1), end: reviewAt };
}

/** Activated qualification points of a period: lots whose activation falls in `[start, end)`, net of cancellations. */
export function periodQualificationPoints(lots: readonly QualificationLot[], period: ReviewPeriod): bigint {
  return lots
    .filter(
      (lot) =>
        lot.activationAt.getTime() >= period.start.getTime() && lot.activationAt.getTime() < period.end.getTime(),
    )
    .reduce((sum, lot) => sum + netQualificationAmount(lot), 0n);
}

/** The highest tier whose threshold is at most `points`. */
export function tierForPoints(tiers: readonly Tier[], points: bigint): number {
  const reached = rankedTiers(tiers).filter((tier) => tier.threshold <= points);
  return reached[reached.length - 1].tierId;
}

/** The threshold-0 tier: what a new member holds until a review says otherwise. */
export function baseTier(tiers: readonly Tier[]): number {
  return rankedTiers(tiers)[0].tierId;
}

/**
 * One review of one member: the tier for the points of the period that ended at `reviewAt`, up or
 * down from `currentTierId`. Points of the next period start from zero by construction (only lots
 * activated inside a period count for it), so nothing is posted to reset them.
 */
export function reviewPeriodicTier(
  tiers: readonly Tier[],
  lots: readonly QualificationLot[],
  schedule: ReviewSchedule,
  currentTierId: number,
  reviewAt: Date,
): PeriodicReview {
  const points = periodQualificationPoints(lots, reviewPeriodEndingAt(schedule, reviewAt));
  const tierId = tierForPoints(tiers, points);
  return { reviewAt, points, tierId, changed: tierId !== currentTierId };
}

/** The changes that the `reviews` (oldest first) make to a member holding `currentTierId`, each reached at its review. */
export function periodicTierChanges(
  tiers: readonly Tier[],
  lots: readonly QualificationLot[],
  schedule: ReviewSchedule,
  currentTierId: number,
  reviews: readonly Date[],
): TierReached[] {
  const changes: TierReached[] = [];
  let current = currentTierId;
  for (const reviewAt of reviews) {
    const review = reviewPeriodicTier(tiers, lots, schedule, current, reviewAt);
    if (review.changed) changes.push({ tierId: review.tierId, reachedAt: reviewAt });
    current = review.tierId;
  }
  return changes;
}
