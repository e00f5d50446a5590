import type { EntityManager } from '@mikro-orm/postgresql';
import { PointsAccount, PointsCurrency, PointsLot } from '@loyalty/loyalty';

export interface ExpiringPoints {
  amount: bigint;
  firstExpiry: Date | null;
}

/**
 * The remaining points of a member's lots in a currency that expire in [now, until], and the
 * earliest such expiry: the window rule of `account/expiring_points` (lots already past their
 * expiry are gone, whether or not the worker has posted the expiration).
 */
export async function expiringPoints(
  em: EntityManager,
  memberId: number,
  currency: PointsCurrency,
  now: Date,
  until: Date,
): Promise<ExpiringPoints> {
  const account = await em.findOne(PointsAccount, { member: memberId, currency: currency.id });
  if (!account || until < now) return { amount: 0n, firstExpiry: null };
  const lots = await em.find(
    PointsLot,
    { pointsAccount: account.id, expired: false, remaining: { $gt: 0n }, expiresAt: { $gte: now, $lte: until } },
    { fields: ['remaining', 'expiresAt'] },
  );
  const amount = lots.reduce((sum, lot) => sum + lot.remaining, 0n);
  const firstExpiry = lots.reduce<Date | null>(
    (first, lot) => (lot.expiresAt && (!first || lot.expiresAt < first) ? lot.expiresAt : first),
    null,
  );
  return { amount, firstExpiry };
}

export const NO_EXPIRING_POINTS: ExpiringPoints = { amount: 0n, firstExpiry: null };
