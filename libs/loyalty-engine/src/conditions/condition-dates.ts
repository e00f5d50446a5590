import { epochMsOfDate, parseDateOnly, parseRfc3339 } from '@loyalty/kernel';

const DATE_ONLY_SHAPE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** `"2026-01-25"` rather than a date-time. */
export function isDateOnlyText(text: string): boolean {
  return DATE_ONLY_SHAPE.test(text);
}

/**
 * Epoch milliseconds of a date alone (UTC midnight: custom field dates carry no zone) or of an
 * RFC 3339 date-time with offset.
 */
export function dateOrInstantMs(text: string, path = 'date'): number {
  return isDateOnlyText(text) ? epochMsOfDate(parseDateOnly(text, path)) : parseRfc3339(text, path).getTime();
}
