import type { MatchingInput } from '@loyalty/profiles';
import type { NodeContext } from '../../node/scenario-node';

/** Who the node acts on: the run's profile once known (exact), else the identifiers the event carried. */
export function nodePerson(context: NodeContext): MatchingInput | null {
  if (context.profileId) return { matching: 'profile_id', profile_id: context.profileId };
  return context.person;
}

/** What the nodes answer when the run names no one (the ledger's own code for an unknown person). */
export const NO_PERSON = { error_code: 'PROFILE_NOT_FOUND', error_text: 'The run names no person' } as const;
