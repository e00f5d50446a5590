import { DomainError } from '@loyalty/kernel';

/** Where in a feed a problem is: `offer 12 (line 40)`, `row 3 (line 4)`, `header (line 1)` or just `line 7`. */
export interface FeedLocation {
  subject: 'offer' | 'category' | 'row' | 'header' | null;
  position: number | null;
  line: number;
}

/** The location of a record, which always has a position. */
export type RecordLocation = FeedLocation & { position: number };

/** A feed that cannot be read: malformed XML/CSV, a missing required field, a bad value, an unknown column. */
export class FeedFormatError extends DomainError {
  constructor(
    readonly location: FeedLocation,
    readonly element: string | null,
    readonly problem: string,
  ) {
    super('VALIDATION_FAILED', `${describe(location)}: ${problem}`, {
      position: location.position,
      line: location.line,
      element,
    });
    this.name = 'FeedFormatError';
  }

  static at(location: FeedLocation, element: string | null, problem: string): FeedFormatError {
    return new FeedFormatError(location, element, problem);
  }
}

function describe({ subject, position, line }: FeedLocation): string {
  if (subject === null) {
    return `line ${line}`;
  }
  return position === null ? `${subject} (line ${line})` : `${subject} ${position} (line ${line})`;
}
