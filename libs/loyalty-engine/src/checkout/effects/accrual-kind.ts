import { MinorDigits } from '@loyalty/kernel';
import { AccrualEffect, AccrualKind, PricingCurrency } from '../pricing-types';
import { RegisteredKind } from './kind-registry';

/** One of a points promotion's lines, as its accrual reads it. */
export interface AccrualLine {
  /** The line's amount on the effect's `base` (paid, discounted or list), minor units. */
  readonly base: bigint;
  /** What is paid for the line in money (after discounts and points). */
  readonly paid: bigint;
  readonly count: number;
  /** Points that the non-multiplier promotions give on this line in the effect's currency (multipliers read it). */
  readonly otherPoints: bigint;
}

/**
 * One accrual kind (spec api.md §6 `accrual.kind`): how its `value` is read and how many points it
 * gives on each of its lines, rounded down to the currency's precision. Adding a kind is a new file
 * with one of these plus its line in the registry.
 */
export interface AccrualKindDefinition extends RegisteredKind<AccrualKind> {
  /** `multiplier` kinds run after the others, on the points those gave (`otherPoints`). */
  readonly stage: 'base' | 'multiplier';
  /** Whether the kind reads `per` (required then, refused otherwise). */
  readonly needsPer: boolean;
  /** Checks `value` and returns it normalised to 2 fraction digits. */
  parseValue(text: string, path: string): string;
  points(
    effect: AccrualEffect,
    lines: readonly AccrualLine[],
    currency: PricingCurrency,
    minorDigits: MinorDigits,
  ): bigint[];
}
