/** The only way code learns the current instant; tests and TEST_CLOCK inject their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests and for `TEST_CLOCK=true` runs. */
export class FixedClock implements Clock {
  constructor(private instant: Date = new Date(0)) {}

  now(): Date {
    return new Date(this.instant.getTime());
  }

  set(instant: Date): void {
    this.instant = new Date(instant.getTime());
  }

  advance(milliseconds: number): void {
    this.instant = new Date(this.instant.getTime() + milliseconds);
  }
}
