import { isDomainError } from '@loyalty/kernel';
import { MatchingInput, parseMatching, ProfileMatch } from '@loyalty/profiles';
import type { OrderPerson } from '../entities/order.entity';

export interface NamedPerson {
  match: ProfileMatch;
  /** What the order stores: the matching, its identifier normalised, the other identifiers as sent. */
  person: OrderPerson;
}

/**
 * The person an order names (`matching`, default `email`, spec api.md §1 "Matching"), or null
 * for an anonymous order: neither `matching` nor any identifier sent. Errors name `data.<field>`.
 */
export function readOrderPerson(data: MatchingInput): NamedPerson | null {
  const identified = [data.email, data.phone, data.profile_id, data.field_name].some((value) => value != null);
  if (data.matching == null && !identified) return null;
  let match: ProfileMatch;
  try {
    match = parseMatching(data, 'email');
  } catch (error) {
    throw isDomainError(error) ? error.atPath('data') : error;
  }
  const person: OrderPerson = {
    matching: match.kind,
    email: data.email ?? null,
    phone: data.phone ?? null,
    profile_id: data.profile_id ?? null,
    field_name: data.field_name ?? null,
    // The entity keeps identifiers as text; the typed value is used for matching only.
    field_value: data.field_value == null ? null : String(data.field_value),
  };
  if (match.kind === 'email') person.email = match.email;
  if (match.kind === 'phone') person.phone = match.phone;
  return { match, person };
}
