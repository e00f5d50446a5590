import { DomainError } from '@loyalty/kernel';

export interface Tier {
  readonly tierId: number;
  /** Qualification points (hundredths) needed; the lowest tier's is 0. */
  readonly threshold: bigint;
  /** Rank: higher is better. Thresholds never decrease with the rank. */
  readonly order: number;
}

/** Qualification points from one accrual; `cancelledAmount` of them were cancelled later. */
export interface QualificationLot {
  readonly amount: bigint;
  readonly activationAt: Date;
  readonly cancelledAmount?: bigint;
}

export interface TierReached {
  readonly tierId: number;
  readonly reachedAt: Date;
}

function misuse(message: string): DomainError {
  return new DomainError('INTERNAL', `tier ladder: ${message}`);
}

/** Tiers by rank, checked: ranks unique, thresholds non-decreasing from 0. */
export function rankedTiers(tiers: readonly Tier[]): Tier[] {
  const ranked = [...tiers].sort((a, b) => a.order - b.order);
  if (ranked.length === 0 || ranked[0].threshold !== 0n) {
    throw misuse('the lowest tier must have threshold 0');
  }
  ranked.forEach((tier, index) => {
    const previous = ranked[index - 1];
    if (previous !== undefined && (previous.order === tier.order || previous.threshold > tier.threshold)) {
      throw misuse(`tier ${tier.tierId}: ranks must be unique and thresholds must not decrease with rank`);
    }
  });
  return ranked;
}

/** A lot's points net of what cancellations took back. */
export function netQualificationAmount(lot: QualificationLot): bigint {
  const cancelled = lot.cancelledAmount ?? 0n;
  if (lot.amount < 0n || cancelled < 0n || cancelled > lot.amount) {
    throw misuse(`qualification lot amounts must satisfy 0 ≤ cancelledAmount ≤ amount`);
  }
  return lot.amount - cancelled;
}
