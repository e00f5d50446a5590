import { resolvePromoCodeProgramSettings } from './promo-code-program-settings';

describe('promo code program settings', () => {
  const base = { name: 'Welcome', short_name: 'welcome', kind: 'personal' as const };

  it('defaults to single use, no window and no limit', () => {
    expect(resolvePromoCodeProgramSettings(base, 'UTC')).toEqual({
      name: 'Welcome',
      shortName: 'welcome',
      kind: 'personal',
      multiUse: false,
      validFrom: null,
      validTo: null,
      maxUsesPerCode: null,
    });
  });

  it("reads dates alone in the account's zone: valid_from at the start of its day, valid_to at the end", () => {
    const settings = resolvePromoCodeProgramSettings(
      { ...base, valid_from: '2026-03-01', valid_to: '2026-03-31' },
      'Europe/Moscow',
    );
    expect(settings.validFrom).toEqual(new Date('2026-02-28T21:00:00.000Z'));
    expect(settings.validTo).toEqual(new Date('2026-03-31T20:59:59.999Z'));
  });

  it('takes multi_use and max_uses_per_code on universal programs only', () => {
    expect(
      resolvePromoCodeProgramSettings({ ...base, kind: 'universal', multi_use: true, max_uses_per_code: 5 }, 'UTC'),
    ).toMatchObject({ multiUse: true, maxUsesPerCode: 5 });
    const failures = [
      [{ ...base, multi_use: true }, 'multi_use'],
      [{ ...base, kind: 'universal' as const, max_uses_per_code: 5 }, 'max_uses_per_code'],
      [{ ...base, kind: 'universal' as const, multi_use: true, max_uses_per_code: 0 }, 'max_uses_per_code'],
      [{ ...base, valid_from: '2026-03-02', valid_to: '2026-03-01' }, 'valid_to'],
      [{ ...base, valid_from: '2026-03-02T10:00:00' }, 'valid_from'],
      [{ ...base, kind: 'shared' as never }, 'kind'],
    ] as const;
    for (const [input, path] of failures) {
      expect(() => resolvePromoCodeProgramSettings(input, 'UTC')).toThrow(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          details: { fields: [expect.objectContaining({ path })] },
        }),
      );
    }
  });
});
