import { DomainError, Money, Points, PointsPrecision } from '@loyalty/kernel';
import type { CurrencyType, ValidityUnit } from '../../entities/points-currency.entity';
import { parsePointsInput } from '../../domain/points-input';
import { oneOf, patched, requireIntegerIn, unchanged } from './field-rules';

export interface CurrencyValidity {
  unit: ValidityUnit;
  value: number;
}

/** A points currency's settings as the API writes them. */
export interface CurrencySettings {
  name: string;
  external_id: string;
  type: CurrencyType;
  initial_balance: string;
  validity: CurrencyValidity | null;
  activation_delay_days: number;
  point_value: string;
  precision: PointsPrecision;
  allow_negative: boolean;
}

/** The body of `points_currencies/create` or `update` (any subset; null restores a default). */
export interface CurrencyInput {
  name?: string | null;
  external_id?: string | null;
  type?: CurrencyType | null;
  initial_balance?: string | null;
  validity?: CurrencyValidity | null;
  activation_delay_days?: number | null;
  point_value?: string | null;
  precision?: number | null;
  allow_negative?: boolean | null;
}

export const CURRENCY_TYPES: readonly CurrencyType[] = ['standard', 'qualification'];
export const VALIDITY_UNITS: readonly ValidityUnit[] = ['day', 'month', 'year'];
/** The longest validity per unit: a hundred years whatever the unit. */
export const MAX_VALIDITY: Record<ValidityUnit, number> = { day: 36_500, month: 1_200, year: 100 };
export const MAX_ACTIVATION_DELAY_DAYS = 3650;

/**
 * A currency's settings after a create (`current` null) or an update. `type`, `external_id` and
 * `precision` are fixed at creation: the type decides what the points are for, trigger rules name
 * the currency by its external id, and existing balances were checked against the precision.
 */
export function resolveCurrencySettings(input: CurrencyInput, current: CurrencySettings | null): CurrencySettings {
  const was = current ?? undefined;
  unchanged(input.type, was?.type, 'type');
  unchanged(input.external_id, was?.external_id, 'external_id');
  unchanged(input.precision, was?.precision, 'precision');
  const type = patched(input.type, was?.type, 'type', { parse: (value) => oneOf(value, CURRENCY_TYPES, 'type') });
  const precision = patched(input.precision, was?.precision, 'precision', {
    parse: parsePrecision,
    fallback: () => 2 as const,
  });
  const initialBalance = patched(input.initial_balance, was?.initial_balance, 'initial_balance', {
    parse: (text) => Points.format(parsePointsInput(text, precision, 'initial_balance', true)),
    fallback: () => '0.00',
  });
  if (type === 'qualification' && initialBalance !== '0.00') {
    throw DomainError.invalid('initial_balance', 'only standard currencies grant an initial balance');
  }
  return {
    name: patched(input.name, was?.name, 'name', { parse: (name) => name }),
    external_id: patched(input.external_id, was?.external_id, 'external_id', { parse: (id) => id }),
    type,
    initial_balance: initialBalance,
    validity: patched(input.validity, was?.validity, 'validity', { parse: parseValidity, fallback: () => null }),
    activation_delay_days: patched(input.activation_delay_days, was?.activation_delay_days, 'activation_delay_days', {
      parse: (days) => requireIntegerIn(days, 0, MAX_ACTIVATION_DELAY_DAYS, 'activation_delay_days'),
      fallback: () => 0,
    }),
    point_value: patched(input.point_value, was?.point_value, 'point_value', {
      parse: parsePointValue,
      fallback: () => '1.00',
    }),
    precision,
    allow_negative: patched(input.allow_negative, was?.allow_negative, 'allow_negative', {
      parse: (on) => on,
      fallback: () => false,
    }),
  };
}

function parsePrecision(value: number): PointsPrecision {
  if (value !== 0 && value !== 2) throw DomainError.invalid('precision', 'must be 0 or 2');
  return value;
}

function parseValidity(validity: CurrencyValidity): CurrencyValidity {
  const unit = oneOf(validity.unit, VALIDITY_UNITS, 'validity.unit');
  return { unit, value: requireIntegerIn(validity.value, 1, MAX_VALIDITY[unit], 'validity.value') };
}

/** The money one point pays for: above zero, at most 2 fraction digits, written with 2 (`"0.50"`). */
function parsePointValue(text: string): string {
  const minor = Money.parse(text, 2, 'point_value');
  if (minor <= 0n) throw DomainError.invalid('point_value', 'must be greater than zero');
  return Money.format(minor, 2);
}
