import { netQualificationAmount, QualificationLot, rankedTiers, Tier, TierReached } from './tier-ladder';

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
    lifetime += netQualificationAmount(lot);
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
