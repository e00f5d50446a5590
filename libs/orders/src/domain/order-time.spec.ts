import { parseOrderTime } from './order-time';
import { issueOf } from './test-support';

describe('parseOrderTime', () => {
  it('reads RFC 3339 with an offset', () => {
    expect(parseOrderTime('2026-11-25T10:00:00+03:00', 'UTC', 'data.create_time').toISOString()).toBe(
      '2026-11-25T07:00:00.000Z',
    );
    expect(parseOrderTime('2026-11-25T10:00:00.123Z', 'Europe/Moscow', 'x').toISOString()).toBe(
      '2026-11-25T10:00:00.123Z',
    );
  });

  it('reads the old "2006-01-25 15:04:05" form in the given zone', () => {
    expect(parseOrderTime('2006-01-25 15:04:05', 'Europe/Moscow', 'x').toISOString()).toBe('2006-01-25T12:04:05.000Z');
    expect(parseOrderTime('2026-07-01 00:00:00', 'America/New_York', 'x').toISOString()).toBe(
      '2026-07-01T04:00:00.000Z',
    );
  });

  it('refuses times without an offset, dates alone and impossible times (error 1 at the path)', () => {
    for (const text of ['2026-11-25T10:00:00', '2026-11-25', '2026-02-30 10:00:00', 'yesterday']) {
      expect(issueOf(() => parseOrderTime(text, 'UTC', 'data.update_time'))).toEqual({
        code: 'VALIDATION_FAILED',
        paths: ['data.update_time'],
      });
    }
  });
});
