import { DomainError, ErrorCode } from '@loyalty/kernel';
import type { NodeResult } from '../../node/scenario-node';

/** What a node answers about a business refusal: the stable code and its sentence. */
export function errorData(error: DomainError): { error_code: ErrorCode; error_text: string } {
  return { error_code: error.code, error_text: error.message };
}

const POINTS_OUTPUTS: Partial<Record<ErrorCode, string>> = {
  INSUFFICIENT_POINTS: 'insufficient_points',
  LIMIT_REACHED: 'limit_reached',
  NOT_A_MEMBER: 'not_a_member',
  PROFILE_NOT_FOUND: 'not_a_member',
};

/** `loyalty.points_management`'s output for a refusal of the ledger; every other code is `error`. */
export function pointsRefusalOutput(error: DomainError): NodeResult {
  return { output: POINTS_OUTPUTS[error.code] ?? 'error', data: errorData(error) };
}

/** A person the ledger does not know: answered as "owns nothing" by the condition nodes. */
export function isUnknownMember(error: unknown): error is DomainError {
  return error instanceof DomainError && (error.code === 'NOT_A_MEMBER' || error.code === 'PROFILE_NOT_FOUND');
}

/** Codes that say "try again later", not "no": the runtime's retry is the answer to them. */
const TRANSIENT_CODES: readonly ErrorCode[] = ['BUSY', 'NOT_READY', 'INTERNAL'];

/**
 * Runs `work`; a DomainError becomes `refused(error)` (a business outcome). Anything else, and a
 * DomainError that is transient (a member's lock not had in time), is thrown on for the runtime to retry.
 */
export async function answerRefusals(
  work: () => Promise<NodeResult>,
  refused: (error: DomainError) => NodeResult,
): Promise<NodeResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && !TRANSIENT_CODES.includes(error.code)) return refused(error);
    throw error;
  }
}
