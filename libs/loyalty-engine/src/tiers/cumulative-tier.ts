import { DomainError } from '@loyalty/kernel';

export interface Tier {
  readonly tierId: number;
  /** Lifetime activated qualification points (hundredths) needed; the lowest tier's is 0. */
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
  return new DomainError('INTERNAL', `cumulative tier: ${message}`);
}

/** Tiers by rank, checked: ranks unique, thresholds non-decreasing from 0. */
function rankedTiers(tiers: readonly Tier[]): Tier[] {
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

function netAmount(lot: QualificationLot): bigint {
  const cancelled = lot.cancelledAmount ?? 0n;
  if (lot.amount < 0n || cancelled < 0n || cancelled > lot.amount) {
    throw misuse(`qualification lot amounts must satisfy 0 ≤ cancelledAmount ≤ amount`);
  }
  return lot.amount - cancelled;
}

/**
 * Every tier reached by `now`, lowest first, with when it was reached: the threshold-0 tier at
 * `registeredAt`, each other tier at the `activationAt` of the lot whose points carried the lifetime
 * activated sum (net of cancellations) to its threshold. Only lots with `activationAt ≤ now` count;
 * expiry does not reduce them. A lot that crosses several thresholds reaches each of them at its
 * activation. The path only grows as `now` moves on; a later cancellation can shorten a
 * recomputation, and the caller keeps tiers already written (a cumulative tier never downgrades).
 */
export function cumulativeTierPath(
  tiers: readonly Tier[],
  lots: readonly QualificationLot[],
  registeredAt: Date,
  now: Date,
): TierReached[] {
  const ranked = rankedTiers(tiers);
  const activated = lots
    .filter((lot) => lot.activationAt.getTime() <= now.getTime())
    .sort((a, b) => a.activationAt.getTime() - b.activationAt.getTime());
  const path: TierReached[] = ranked
    .filter((tier) => tier.threshold === 0n)
    .map((tier) => ({ tierId: tier.tierId, reachedAt: registeredAt }));
  let lifetime = 0n;
  for (const lot of activated) {
    lifetime += netAmount(lot);
    for (const tier of ranked.slice(path.length)) {
      if (tier.threshold > lifetime) {
        break;
      }
      path.push({ tierId: tier.tierId, reachedAt: lot.activationAt });
    }
  }
  return path;
}

/** The cumulative tier at `now`: the highest tier reached (the last step of `cumulativeTierPath`). */
export function cumulativeTier(
  tiers: readonly Tier[],
  lots: readonly QualificationLot[],
  registeredAt: Date,
  now: Date,
): TierReached {
  const path = cumulativeTierPath(tiers, lots, registeredAt, now);
  return path[path.length - 1];
}
