import type { MatchingInput } from '@loyalty/profiles';
import type { NamedPerson } from '../../domain/order-person';
import { readOrderPerson } from '../../domain/order-person';

/**
 * The person a checkout names, or null for an anonymous cart. Without `matching`, the first
 * identifier present among `profile_id`, `email` and `phone` names them (spec api.md §1).
 */
export function readCheckoutPerson(request: MatchingInput): NamedPerson | null {
  if (request.matching != null) return readOrderPerson(request);
  const matching =
    request.profile_id != null
      ? 'profile_id'
      : request.email != null
        ? 'email'
        : request.phone != null
          ? 'phone'
          : null;
  if (matching === null) return request.field_name != null ? readOrderPerson(request) : null;
  return readOrderPerson({ ...request, matching });
}
