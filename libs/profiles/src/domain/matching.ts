import { DomainError } from '@loyalty/kernel';

export const MATCHING_KINDS = ['email', 'phone', 'profile_id', 'custom'] as const;
export type MatchingKind = (typeof MATCHING_KINDS)[number];

/** How a request names a person, after normalisation. */
export type ProfileMatch =
  | { kind: 'email'; email: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'profile_id'; profileId: string }
  | { kind: 'custom'; fieldName: string; fieldValue: string | number | boolean };

/** The identifier fields of a request body, as sent. */
export interface MatchingInput {
  matching?: MatchingKind | null;
  email?: string | null;
  phone?: string | null;
  profile_id?: string | null;
  field_name?: string | null;
  field_value?: string | number | boolean | null;
}

/** Emails are compared trimmed and lower-cased. */
export function normalizeEmail(raw: string, path = 'email'): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw DomainError.invalid(path, `"${raw}" is not an email address`);
  }
  return email;
}

/**
 * Phones are stored in E.164. Separators (spaces, dashes, dots, parentheses) are dropped, a leading
 * `00` becomes `+`, and a number written without `+` is read as international (`79001234567`).
 */
export function normalizePhone(raw: string, path = 'phone'): string {
  const compact = raw.trim().replace(/[\s\-.()]/g, '');
  const international = compact.startsWith('00')
    ? `+${compact.slice(2)}`
    : compact.startsWith('+')
      ? compact
      : `+${compact}`;
  if (!/^\+[1-9]\d{6,14}$/.test(international)) {
    throw DomainError.invalid(path, `"${raw}" is not an international phone number`);
  }
  return international;
}

/** Reads `matching` and its identifier; `defaultKind` applies when `matching` is absent. */
export function parseMatching(input: MatchingInput, defaultKind?: MatchingKind): ProfileMatch {
  const kind = input.matching ?? defaultKind;
  if (!kind) throw DomainError.invalid('matching', `must be one of ${MATCHING_KINDS.join(', ')}`);
  switch (kind) {
    case 'email':
      return { kind, email: normalizeEmail(required(input.email, 'email')) };
    case 'phone':
      return { kind, phone: normalizePhone(required(input.phone, 'phone')) };
    case 'profile_id':
      return { kind, profileId: required(input.profile_id, 'profile_id') };
    case 'custom': {
      const fieldName = required(input.field_name, 'field_name');
      if (input.field_value === undefined || input.field_value === null) {
        throw DomainError.invalid('field_value', 'is required when matching is custom');
      }
      return { kind, fieldName, fieldValue: input.field_value };
    }
    default:
      throw DomainError.invalid('matching', `must be one of ${MATCHING_KINDS.join(', ')}`);
  }
}

function required(value: string | null | undefined, path: string): string {
  if (value === undefined || value === null || value.trim() === '') {
    throw DomainError.invalid(path, 'is required by this matching');
  }
  return value;
}
