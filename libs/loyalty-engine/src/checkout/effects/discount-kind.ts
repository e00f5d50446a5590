import { DomainError, MinorDigits } from '@loyalty/kernel';
import { DiscountEffect, DiscountKind, DiscountTarget } from '../pricing-types';
import { RegisteredKind } from './kind-registry';

/** A line (or the delivery) as a discount step sees it: its amount so far and its units. */
export interface DiscountSlot {
  readonly running: bigint;
  readonly count: number;
}

/**
 * What a discount asks for before floors and caps: one amount to split over the slots by their
 * running amounts (`target: "order"`), or an amount for each slot.
 */
export type DiscountDemand = { readonly split: bigint } | { readonly each: readonly bigint[] };

/** The value part of a parsed discount: a percent or a money amount. */
export type DiscountValue = Pick<DiscountEffect, 'percent' | 'amount'>;

/**
 * One discount kind (spec api.md §6 `discount.kind`): how its `value` is read and written, and
 * what it takes off. Adding a kind is a new file with one of these plus its line in the registry.
 */
export interface DiscountKindDefinition extends RegisteredKind<DiscountKind> {
  parseValue(text: string, minorDigits: MinorDigits, path: string): DiscountValue;
  formatValue(effect: DiscountEffect, minorDigits: MinorDigits): string;
  demand(effect: DiscountEffect, slots: readonly DiscountSlot[], target: DiscountTarget): DiscountDemand;
}

export function percentOfEffect(effect: DiscountEffect): string {
  if (effect.percent === null) {
    throw new DomainError('INTERNAL', `a "${effect.kind}" discount has no percent`);
  }
  return effect.percent;
}

export function amountOfEffect(effect: DiscountEffect): bigint {
  if (effect.amount === null) {
    throw new DomainError('INTERNAL', `a "${effect.kind}" discount has no amount`);
  }
  return effect.amount;
}
