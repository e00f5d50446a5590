/** Instants on the wire: RFC 3339 in UTC with milliseconds. */
export function wireTime(instant: Date): string;
export function wireTime(instant: Date | null): string | null;
export function wireTime(instant: Date | null): string | null {
  return instant ? instant.toISOString() : null;
}
