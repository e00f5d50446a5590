import { nextAttemptAfterFailure, RETRY_WINDOW_MS } from './retry-schedule';

describe('the retry schedule of a delivery (spec/api.md §9)', () => {
  const first = new Date('2026-03-15T10:00:00.000Z');

  it('waits 10 s × 2ⁿ after the n-th failed attempt (0-based): 10 s, 20 s, 40 s, ...', () => {
    let at = first;
    const gaps: number[] = [];
    for (let attempts = 1; attempts <= 5; attempts += 1) {
      const next = nextAttemptAfterFailure({ attempts, attemptAt: at, firstAttemptAt: first }) as Date;
      gaps.push((next.getTime() - at.getTime()) / 1000);
      at = next;
    }
    expect(gaps).toEqual([10, 20, 40, 80, 160]);
  });

  it('stops retrying 24 h after the first attempt: 14 attempts, the last at 81,910 s', () => {
    let at = first;
    let attempts = 1;
    for (;;) {
      const next = nextAttemptAfterFailure({ attempts, attemptAt: at, firstAttemptAt: first });
      if (!next) break;
      at = next;
      attempts += 1;
    }
    expect(attempts).toBe(14);
    expect((at.getTime() - first.getTime()) / 1000).toBe(81_910);
    expect(at.getTime() - first.getTime()).toBeLessThanOrEqual(RETRY_WINDOW_MS);
  });
});
