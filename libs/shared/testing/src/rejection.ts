import type { DomainError } from '@loyalty/kernel';

/** The error a promise rejects with; fails the test when it resolves instead. */
export function rejectionOf(promise: Promise<unknown>): Promise<DomainError> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as DomainError,
  );
}
