import { waitArgsProblems, wakeTime } from './wait-args';

const now = new Date('2026-11-25T12:00:00.000Z');

describe('flow.wait args', () => {
  it('needs exactly one of seconds and until', () => {
    const problem = [{ path: 'seconds', message: 'exactly one of seconds and until is required' }];
    expect(waitArgsProblems({})).toEqual(problem);
    expect(waitArgsProblems({ seconds: 60, until: '2026-11-26T00:00:00Z' })).toEqual(problem);
    expect(waitArgsProblems({ seconds: 60 })).toEqual([]);
    expect(waitArgsProblems({ until: '2026-11-26T00:00:00+03:00' })).toEqual([]);
  });

  it('bounds seconds to 1..31,536,000 whole seconds', () => {
    expect(waitArgsProblems({ seconds: 1 })).toEqual([]);
    expect(waitArgsProblems({ seconds: 31_536_000 })).toEqual([]);
    for (const seconds of [0, 31_536_001, 1.5]) {
      expect(waitArgsProblems({ seconds })).toEqual([
        { path: 'seconds', message: 'must be a whole number from 1 to 31536000' },
      ]);
    }
  });

  it('refuses an until without an offset', () => {
    expect(waitArgsProblems({ until: '2026-11-26T00:00:00' })).toEqual([
      { path: 'until', message: 'must have a time zone offset (Z or ±hh:mm)' },
    ]);
    expect(waitArgsProblems({ until: 'tomorrow' })[0].path).toBe('until');
  });

  it('wakes seconds after now, at until, or at once when until has passed', () => {
    expect(wakeTime({ seconds: 90 }, now).toISOString()).toBe('2026-11-25T12:01:30.000Z');
    expect(wakeTime({ until: '2026-11-26T03:00:00+03:00' }, now).toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(wakeTime({ until: '2026-11-01T00:00:00Z' }, now)).toEqual(now);
  });
});
