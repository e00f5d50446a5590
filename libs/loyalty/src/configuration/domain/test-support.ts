import { DomainError } from '@loyalty/kernel';

/** The DomainError an action throws (fails the test when it throws nothing or something else). */
export function failureOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('no error was thrown');
}

/** The code and field issues of the DomainError an action throws. */
export function issueOf(action: () => unknown): { code: string; fields: unknown } {
  const error = failureOf(action);
  return { code: error.code, fields: error.details.fields };
}
