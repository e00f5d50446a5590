import { ProgramSettings, resolveProgramSettings } from './program-settings';
import { issueOf } from './test-support';

const required = { name: 'Club', external_id: 'club', db_id: 7, currency: 'RUB' };

describe('resolveProgramSettings on create', () => {
  it('fills every default of spec §6, the time zone from the account', () => {
    expect(resolveProgramSettings(required, null, 'Europe/Moscow')).toEqual({
      name: 'Club',
      external_id: 'club',
      db_id: 7,
      description: null,
      timezone: 'Europe/Moscow',
      currency: 'RUB',
      is_active: true,
      arbitration: { mode: 'priority', max_discount_percent: null },
      redemption: { enabled: true, max_share_percent: '100', min_redeem: '0.00', step: '0.01' },
      allow_unknown_items: false,
      expiry_notice_days: [],
      activate_on: 'delay',
      release_on_cancel: true,
    });
  });

  it('canonicalises what it is given', () => {
    const settings = resolveProgramSettings(
      {
        ...required,
        timezone: 'europe/berlin',
        is_active: false,
        arbitration: { mode: 'best_for_customer', max_discount_percent: '30.50' },
        redemption: { enabled: false, max_share_percent: '50.0', min_redeem: '10', step: '1' },
        expiry_notice_days: [7, 1],
        activate_on: 'paid',
        release_on_cancel: false,
        allow_unknown_items: true,
      },
      null,
      'UTC',
    );
    expect(settings).toMatchObject({
      timezone: 'Europe/Berlin',
      is_active: false,
      arbitration: { mode: 'best_for_customer', max_discount_percent: '30.5' },
      redemption: { enabled: false, max_share_percent: '50', min_redeem: '10.00', step: '1.00' },
      expiry_notice_days: [7, 1],
      activate_on: 'paid',
      release_on_cancel: false,
      allow_unknown_items: true,
    });
  });

  it.each([
    [{ currency: 'rub' }, 'currency', 'must be an ISO 4217 code such as "RUB"'],
    [{ currency: 'RUBL' }, 'currency', 'must be an ISO 4217 code such as "RUB"'],
    [{ external_id: '12345' }, 'external_id', 'must not be all digits (a number names an id)'],
    [{ timezone: 'Mars/Base' }, 'timezone', 'unknown time zone "Mars/Base"'],
    [
      { redemption: { enabled: true, max_share_percent: '100.5' } },
      'redemption.max_share_percent',
      'must be between 0 and 100',
    ],
    [
      { redemption: { enabled: true, max_share_percent: '100', step: '0' } },
      'redemption.step',
      'must be greater than zero',
    ],
    [
      { arbitration: { mode: 'priority' as const, max_discount_percent: '120' } },
      'arbitration.max_discount_percent',
      'must be between 0 and 100',
    ],
    [{ expiry_notice_days: [7, 0] }, 'expiry_notice_days[1]', 'must be an integer from 1 to 3650'],
    [{ expiry_notice_days: [7, 1, 7] }, 'expiry_notice_days[2]', 'repeats 7'],
  ])('refuses %p at %p', (patch, path, message) => {
    expect(issueOf(() => resolveProgramSettings({ ...required, ...patch }, null, 'UTC'))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path, message }],
    });
  });
});

describe('resolveProgramSettings on update', () => {
  const current: ProgramSettings = {
    ...resolveProgramSettings(required, null, 'UTC'),
    description: 'Old',
    timezone: 'Asia/Tokyo',
    expiry_notice_days: [3],
  };

  it('keeps absent fields, replaces given ones, and null restores defaults', () => {
    const next = resolveProgramSettings(
      { name: 'New club', description: null, timezone: null, expiry_notice_days: null, db_id: 7 },
      current,
      'Europe/Moscow',
    );
    expect(next).toEqual({
      ...current,
      name: 'New club',
      description: null,
      timezone: 'Europe/Moscow',
      expiry_notice_days: [],
    });
  });

  it('never changes db_id and never clears a required field', () => {
    expect(issueOf(() => resolveProgramSettings({ db_id: 8 }, current, 'UTC'))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'db_id', message: 'cannot change after creation' }],
    });
    expect(issueOf(() => resolveProgramSettings({ currency: null }, current, 'UTC'))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'currency', message: 'is required and cannot be null' }],
    });
  });
});
