import { ERROR_CATALOG, ErrorCode } from './error-codes';

/** A field-level problem, named by its JSON path (`data.lines[0].count`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export type ErrorDetails = { fields?: FieldIssue[] } & Record<string, unknown>;

/** The one error type domain code throws; the API maps `code` to status and envelope. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CATALOG[code].text,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** A validation failure naming one field. */
  static invalid(path: string, message: string): DomainError {
    return new DomainError('VALIDATION_FAILED', `${path}: ${message}`, { fields: [{ path, message }] });
  }

  /** A reference in the body that names nothing in this account (error 18), at `path`. */
  static unknownReference(path: string, message: string, fieldMessage = message): DomainError {
    return new DomainError('UNKNOWN_REFERENCE', `${path}: ${message}`, { fields: [{ path, message: fieldMessage }] });
  }

  /** A unique key already taken (error 5), at `path`. */
  static conflict(path: string, message: string): DomainError {
    return new DomainError('CONFLICT', `${path}: ${message}`, { fields: [{ path, message }] });
  }

  /** The same error, as raised by the item at `path` of a list (`data[3]`): its field paths and text name the item. */
  atPath(path: string): DomainError {
    const fields = (this.details.fields ?? []).map((field) => ({ ...field, path: `${path}.${field.path}` }));
    return new DomainError(this.code, `${path}: ${this.message}`, { ...this.details, fields });
  }

  static notFound(what: string): DomainError {
    return new DomainError('NOT_FOUND', `${what} not found`);
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
