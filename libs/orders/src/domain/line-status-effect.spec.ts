import { checkCustomLineStatuses, lineStatusEffect } from './line-status-effect';
import { issueOf } from './test-support';

describe('line status effects', () => {
  const custom = new Map([
    ['returned_to_store', 'refunded' as const],
    ['packed', 'none' as const],
  ]);

  it('knows the built-in statuses and the declared ones', () => {
    expect(lineStatusEffect('canceled', custom)).toBe('canceled');
    expect(lineStatusEffect('refunded', custom)).toBe('refunded');
    expect(lineStatusEffect('delivered', custom)).toBe('none');
    expect(lineStatusEffect('returned_to_store', custom)).toBe('refunded');
    expect(lineStatusEffect('packed', custom)).toBe('none');
    expect(lineStatusEffect('lost', custom)).toBeNull();
  });

  it('refuses declarations that repeat an id or redefine a built-in status', () => {
    const packed = { external_id: 'packed', name: 'Packed', effect: 'none' as const };
    expect(() => checkCustomLineStatuses([packed], 'custom_line_statuses')).not.toThrow();
    expect(issueOf(() => checkCustomLineStatuses([packed, packed], 'custom_line_statuses'))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['custom_line_statuses[1].external_id'],
    });
    expect(
      issueOf(() =>
        checkCustomLineStatuses([{ external_id: 'canceled', name: 'X', effect: 'none' }], 'custom_line_statuses'),
      ),
    ).toEqual({ code: 'VALIDATION_FAILED', paths: ['custom_line_statuses[0].external_id'] });
  });
});
