import {
  bigintMax,
  bigintMin,
  bigintSum,
  floorToRedeemable,
  floorToStep,
  moneyForPoints,
  pointsForMoney,
} from '@loyalty/kernel';
import { DiscountState } from './discount-state';
import { PricingCurrency, PricingInput, RedemptionLimit, RedemptionOutcome } from './pricing-types';
import { redemptionCurrency } from './redemption-currency';
import { LineShare } from './redemption-shares';

export interface RedemptionDecision {
  readonly outcome: RedemptionOutcome;
  /** The currency redeemed (null when the program has none, or names one it does not have). */
  readonly currency: PricingCurrency | null;
}

type Limit = Extract<RedemptionLimit, 'BALANCE' | 'SHARE_CAP' | 'MIN_PRICE'>;

/**
 * The points each limit allows, in hundredths, before rounding, in the order a tie names them.
 * The share cap is computed exactly: Σ amount × share % is converted to points without first
 * rounding it to whole minor units (E1: 59.97 × 30 % = 17.991 → 1,799.10 points).
 */
function limitsOf(
  input: PricingInput,
  currency: PricingCurrency,
  state: DiscountState,
  shares: readonly LineShare[],
): [Limit, bigint][] {
  const { minorDigits } = input;
  const eligible = shares.flatMap((share, line) => (share.eligible ? [{ share, line }] : []));
  // Σ amount × share-hundredths is money × 10,000; floor(floor(x) / 10,000) = floor(x / 10,000).
  const shareCapScaled = bigintSum(eligible.map(({ share, line }) => state.lineRunning(line) * share.percent));
  const floorRoom = bigintSum(eligible.map(({ line }) => state.floorRoomOf(line)));
  return [
    ['BALANCE', bigintMax(input.member?.activeBalances.get(currency.eid) ?? 0n, 0n)],
    ['SHARE_CAP', pointsForMoney(shareCapScaled, minorDigits, currency.pointValue, 2) / 10_000n],
    ['MIN_PRICE', pointsForMoney(floorRoom, minorDigits, currency.pointValue, 2)],
  ];
}

/**
 * Step 4 of spec rules.md §4: how many points the cart redeems and why not more. The amount is
 * the request cut to the tightest limit (active balance, share cap of the eligible goods, line
 * floors), rounded down to points worth whole minor units, then to a multiple of `step`, and 0
 * below `min_redeem`. `limitedBy` names the tightest limit under the request (ties in the order
 * BALANCE, SHARE_CAP, MIN_PRICE), else STEP or MIN_REDEEM when only rounding cut it, else null.
 * `maxAllowed` is what "max" would get, also when nothing was asked for.
 */
export function decideRedemption(
  input: PricingInput,
  state: DiscountState,
  shares: readonly LineShare[],
): RedemptionDecision {
  const { eid, currency } = redemptionCurrency(input);
  const requested = input.pointsToRedeem ?? 0n;
  const asked = requested === 'max' || requested > 0n;
  const none = { requested, maxAllowed: 0n, applied: 0n, appliedValue: 0n, points_currency_eid: eid };
  const { redemption } = input.program;
  if (input.member === null || !redemption.enabled || currency === null || currency.type !== 'standard') {
    return { outcome: { ...none, limitedBy: asked ? 'NOT_ALLOWED' : null }, currency };
  }
  const { minorDigits } = input;
  const stepped = (points: bigint) =>
    floorToStep(floorToRedeemable(points, minorDigits, currency.pointValue, currency.precision), redemption.step);
  const rounded = (points: bigint) => {
    const amount = stepped(points);
    return amount < redemption.minRedeem ? 0n : amount;
  };
  const limits = limitsOf(input, currency, state, shares);
  const allowed = bigintMin(...(limits.map(([, points]) => points) as [bigint, ...bigint[]]));
  const maxAllowed = rounded(allowed);
  if (!asked) {
    return { outcome: { ...none, maxAllowed, limitedBy: null }, currency };
  }
  const binding = limits.find(([, points]) => points === allowed && (requested === 'max' || points < requested));
  const target = binding === undefined && requested !== 'max' ? requested : allowed;
  const applied = rounded(target);
  const appliedValue = moneyForPoints(applied, minorDigits, currency.pointValue);
  const roundedOnly = applied === target ? null : stepped(target) < redemption.minRedeem ? 'MIN_REDEEM' : 'STEP';
  return {
    outcome: { ...none, maxAllowed, applied, appliedValue, limitedBy: binding?.[0] ?? roundedOnly },
    currency,
  };
}
