import { DomainError, FieldIssue } from '@loyalty/kernel';

/** The code and field issues of the DomainError `run` throws (a spec helper). */
export function failureOf(run: () => unknown): { code: string; fields: FieldIssue[] } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) {
      return { code: error.code, fields: error.details.fields ?? [] };
    }
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

/** The path of the one field a validation failure names. */
export function failedPath(run: () => unknown): string | undefined {
  const failure = failureOf(run);
  return failure.code === 'VALIDATION_FAILED' ? failure.fields[0]?.path : `${failure.code}:${failure.fields[0]?.path}`;
}
