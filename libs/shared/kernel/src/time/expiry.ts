import { DomainError } from '../errors/domain-error';
import { addToLocalDate } from './local-date';
import { endOfLocalDate, localDateParts } from './zoned-time';

/** How long accrued points stay valid (a points currency's `validity`). */
export interface Validity {
  readonly unit: 'day' | 'month' | 'year';
  readonly value: number;
}

const MS_PER_DAY = 86_400_000;

/**
 * When a lot expires (spec rules.md §3, example E8): the end (23:59:59.999) of the local day of
 * activation + validity in the program's zone, months clamped to the month's last day.
 * The calendar step is taken on the local date, so the result never depends on the time of day.
 */
export function expiresAt(activation: Date, validity: Validity, zone: string): Date {
  const expiryDate = addToLocalDate(localDateParts(activation, zone), validity.value, validity.unit);
  return endOfLocalDate(expiryDate, zone);
}

/** When accrued points become active: the accrual instant + N × 24 h, not snapped to a day. */
export function activationAt(accrual: Date, delayDays: number): Date {
  if (!Number.isSafeInteger(delayDays) || delayDays < 0) {
    throw new DomainError('INTERNAL', `activation delay must be a whole number of days ≥ 0, got ${delayDays}`);
  }
  return new Date(accrual.getTime() + delayDays * MS_PER_DAY);
}
