import { activationAt, DayEdge, expiresAt, parseInstantOrDate } from '@loyalty/kernel';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import type { PointsCurrency } from '../entities/points-currency.entity';

/** A date field of a request, read in the program's time zone (a date alone is the start or end of that day). */
export function programInstant(text: string, program: LoyaltyProgram, edge: DayEdge, path: string): Date {
  return parseInstantOrDate(text, program.timezone, edge, path);
}

export interface AccrualDates {
  createdAt: Date;
  activationAt: Date;
  expiresAt: Date | null;
}

/**
 * When an accrual's points activate and expire (rules.md §3): an explicit `activation_date` wins;
 * otherwise `created_at` (or now) plus the currency's delay. An explicit `expiration_date` wins;
 * otherwise the end of the local day of activation + validity, or never.
 */
export function accrualDates(
  program: LoyaltyProgram,
  currency: PointsCurrency,
  now: Date,
  given: { created_at?: string | null; activation_date?: string | null; expiration_date?: string | null },
): AccrualDates {
  const createdAt = given.created_at ? programInstant(given.created_at, program, 'start', 'created_at') : now;
  const activation = given.activation_date
    ? programInstant(given.activation_date, program, 'start', 'activation_date')
    : activationAt(createdAt, currency.activationDelayDays);
  const expiry = given.expiration_date
    ? programInstant(given.expiration_date, program, 'end', 'expiration_date')
    : currency.validityUnit && currency.validityValue != null
      ? expiresAt(activation, { unit: currency.validityUnit, value: currency.validityValue }, program.timezone)
      : null;
  return { createdAt, activationAt: activation, expiresAt: expiry };
}
