import { DomainError } from '@loyalty/kernel';

/** The code and field paths of the DomainError an action throws (fails the test otherwise). */
export function issueOf(action: () => unknown): { code: string; paths: string[] } {
  try {
    action();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, paths: (error.details.fields ?? []).map((field) => field.path) };
  }
  throw new Error('no error was thrown');
}
