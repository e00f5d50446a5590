import type { LogLine } from '@loyalty/testing';

/** The forms a secret could take in a log line: as it is, and base64 (standard and URL-safe) of it. */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [...new Set([secret, bytes.toString('base64'), bytes.toString('base64url')])];
}

/** Each line holding a form of a secret, named by the secret's label (never by the secret itself). */
export function findLeaks(lines: LogLine[], secrets: Map<string, string>): string[] {
  const leaks: string[] = [];
  for (const [label, secret] of secrets) {
    for (const form of secretForms(secret)) {
      for (const { process, stream, line } of lines) {
        if (line.includes(form)) leaks.push(`${label} in ${process} ${stream}: ${line.slice(0, 300)}`);
      }
    }
  }
  return leaks;
}

/** The line as a JSON object, or null when it is not one. */
export function parseLogLine(line: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(line);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
