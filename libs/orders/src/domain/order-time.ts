import { parseLegacyLocalDateTime, parseRfc3339 } from '@loyalty/kernel';

const LEGACY_SHAPE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** An order's `create_time`/`update_time`: RFC 3339 with offset, or the old `"2006-01-25 15:04:05"` read in `zone`. */
export function parseOrderTime(text: string, zone: string, path: string): Date {
  return LEGACY_SHAPE.test(text) ? parseLegacyLocalDateTime(text, zone, path) : parseRfc3339(text, path);
}
