import { CurrencySettings, resolveCurrencySettings } from './currency-settings';
import { issueOf } from './test-support';

const required = { name: 'Bonus', external_id: 'bonus', type: 'standard' as const };

describe('resolveCurrencySettings', () => {
  it('fills the defaults of spec §6', () => {
    expect(resolveCurrencySettings(required, null)).toEqual({
      name: 'Bonus',
      external_id: 'bonus',
      type: 'standard',
      initial_balance: '0.00',
      validity: null,
      activation_delay_days: 0,
      point_value: '1.00',
      precision: 2,
      allow_negative: false,
    });
  });

  it('writes amounts canonically', () => {
    expect(
      resolveCurrencySettings(
        {
          ...required,
          initial_balance: '150',
          validity: { unit: 'month', value: 12 },
          activation_delay_days: 14,
          point_value: '0.5',
          precision: 0,
          allow_negative: true,
        },
        null,
      ),
    ).toMatchObject({
      initial_balance: '150.00',
      validity: { unit: 'month', value: 12 },
      activation_delay_days: 14,
      point_value: '0.50',
      precision: 0,
      allow_negative: true,
    });
  });

  it.each([
    [
      { precision: 0, initial_balance: '10.50' },
      'initial_balance',
      'must be a whole number of points for this currency',
    ],
    [{ precision: 1 }, 'precision', 'must be 0 or 2'],
    [{ point_value: '0' }, 'point_value', 'must be greater than zero'],
    [{ point_value: '0.001' }, 'point_value', 'must have at most 2 fraction digits'],
    [{ validity: { unit: 'month' as const, value: 0 } }, 'validity.value', 'must be an integer from 1 to 1200'],
    [{ validity: { unit: 'year' as const, value: 101 } }, 'validity.value', 'must be an integer from 1 to 100'],
    [{ activation_delay_days: 3651 }, 'activation_delay_days', 'must be an integer from 0 to 3650'],
    [
      { type: 'qualification' as const, initial_balance: '5' },
      'initial_balance',
      'only standard currencies grant an initial balance',
    ],
  ])('refuses %p at %p', (patch, path, message) => {
    expect(issueOf(() => resolveCurrencySettings({ ...required, ...patch }, null))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path, message }],
    });
  });

  describe('on update', () => {
    const current: CurrencySettings = {
      ...resolveCurrencySettings({ ...required, precision: 0, validity: { unit: 'day', value: 30 } }, null),
    };

    it('type, external_id and precision are fixed at creation', () => {
      for (const [patch, path] of [
        [{ type: 'qualification' as const }, 'type'],
        [{ external_id: 'other' }, 'external_id'],
        [{ precision: 2 }, 'precision'],
      ] as const) {
        expect(issueOf(() => resolveCurrencySettings(patch, current))).toEqual({
          code: 'VALIDATION_FAILED',
          fields: [{ path, message: 'cannot change after creation' }],
        });
      }
      expect(resolveCurrencySettings({ type: 'standard', external_id: 'bonus', precision: 0 }, current)).toEqual(
        current,
      );
    });

    it('checks a new initial balance against the stored precision; null clears validity', () => {
      expect(issueOf(() => resolveCurrencySettings({ initial_balance: '0.50' }, current)).fields).toEqual([
        { path: 'initial_balance', message: 'must be a whole number of points for this currency' },
      ]);
      expect(resolveCurrencySettings({ initial_balance: '25', validity: null }, current)).toEqual({
        ...current,
        initial_balance: '25.00',
        validity: null,
      });
    });
  });
});
