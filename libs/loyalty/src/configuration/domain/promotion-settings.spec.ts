import { PromotionSettings, resolvePromotionSettings } from './promotion-settings';
import { RuleCurrency } from './trigger-rules';
import { issueOf } from './test-support';

const context = {
  timezone: 'Europe/Moscow',
  currencies: new Map<string, RuleCurrency>([['bonus', { type: 'standard', precision: 2 }]]),
  minorDigits: 2 as const,
};
const required = {
  type: 'trigger' as const,
  name: 'Birthday',
  external_id: 'birthday',
  is_active: true,
  accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '100' }],
};

describe('resolvePromotionSettings', () => {
  it('fills the defaults of spec §6', () => {
    expect(resolvePromotionSettings(required, null, context)).toEqual({
      type: 'trigger',
      name: 'Birthday',
      external_id: 'birthday',
      description: null,
      start_date: null,
      end_date: null,
      is_active: true,
      priority: 0,
      stacking: 'combinable',
      conditions: null,
      limits: { per_member: null, per_member_period: null, total_uses: null, budget: null },
      discount: null,
      accrual: null,
      redemption: null,
      promo_code_program_id: null,
      return_policy: 'keep',
      accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '100.00', min_amount: null, max_amount: null }],
      redeem_rules: [],
    });
  });

  describe('dates', () => {
    it("read a date alone in the program's zone: start of day for start_date, end of day for end_date", () => {
      const settings = resolvePromotionSettings(
        { ...required, start_date: '2026-01-01', end_date: '2026-01-25' },
        null,
        context,
      );
      expect([settings.start_date, settings.end_date]).toEqual([
        '2025-12-31T21:00:00.000Z',
        '2026-01-25T20:59:59.999Z',
      ]);
    });

    it('take RFC 3339 with an offset as the instant it names, written in UTC', () => {
      const settings = resolvePromotionSettings(
        { ...required, start_date: '2026-03-01T10:00:00+03:00', end_date: '2026-03-01T10:00:00.000Z' },
        null,
        context,
      );
      expect([settings.start_date, settings.end_date]).toEqual([
        '2026-03-01T07:00:00.000Z',
        '2026-03-01T10:00:00.000Z',
      ]);
    });

    it('allow a window of one instant and refuse one that ends before it starts', () => {
      const instant = '2026-03-01T00:00:00.000Z';
      expect(
        resolvePromotionSettings({ ...required, start_date: instant, end_date: instant }, null, context).end_date,
      ).toBe(instant);
      expect(
        issueOf(() =>
          resolvePromotionSettings({ ...required, start_date: '2026-01-26', end_date: '2026-01-25' }, null, context),
        ),
      ).toEqual({
        code: 'VALIDATION_FAILED',
        fields: [{ path: 'end_date', message: 'the promotion must not end before it starts' }],
      });
    });

    it('refuse a date-time without offset and a date that does not exist', () => {
      expect(
        issueOf(() => resolvePromotionSettings({ ...required, start_date: '2026-01-25T10:00:00' }, null, context)),
      ).toEqual({
        code: 'VALIDATION_FAILED',
        fields: [{ path: 'start_date', message: 'must have a time zone offset (Z or ±hh:mm)' }],
      });
      expect(
        issueOf(() => resolvePromotionSettings({ ...required, end_date: '2026-02-29' }, null, context)).fields,
      ).toEqual([{ path: 'end_date', message: 'must be a date such as "2026-01-25"' }]);
    });
  });

  it('limits: counts, a period only with per_member, budget in points', () => {
    expect(
      resolvePromotionSettings(
        { ...required, limits: { per_member: 1, per_member_period: 'month', total_uses: 1000, budget: '50000' } },
        null,
        context,
      ).limits,
    ).toEqual({ per_member: 1, per_member_period: 'month', total_uses: 1000, budget: '50000.00' });
    expect(
      issueOf(() => resolvePromotionSettings({ ...required, limits: { per_member_period: 'day' } }, null, context))
        .fields,
    ).toEqual([{ path: 'limits.per_member_period', message: 'needs limits.per_member' }]);
    expect(
      issueOf(() => resolvePromotionSettings({ ...required, limits: { budget: '0' } }, null, context)).fields,
    ).toEqual([{ path: 'limits.budget', message: 'must be greater than zero' }]);
  });

  it('stores conditions as given and refuses an all-digit external id', () => {
    const conditions = { all: [{ field: 'member.is_member', op: 'eq', value: true }] };
    expect(resolvePromotionSettings({ ...required, conditions }, null, context).conditions).toEqual(conditions);
    expect(issueOf(() => resolvePromotionSettings({ ...required, external_id: '777' }, null, context)).fields).toEqual([
      { path: 'external_id', message: 'must not be all digits (a number names an id)' },
    ]);
  });

  describe('on update', () => {
    const current: PromotionSettings = resolvePromotionSettings(
      { ...required, start_date: '2026-01-01', end_date: '2026-12-31', limits: { total_uses: 10 } },
      null,
      context,
    );

    it('keeps what is absent; null clears dates, limits and a rules list', () => {
      const next = resolvePromotionSettings(
        {
          end_date: null,
          limits: null,
          redeem_rules: [{ points_currency_eid: 'bonus' }],
          accrual_rules: null,
        },
        current,
        context,
      );
      expect(next).toEqual({
        ...current,
        end_date: null,
        limits: { per_member: null, per_member_period: null, total_uses: null, budget: null },
        accrual_rules: [],
        redeem_rules: [{ points_currency_eid: 'bonus', static_amount: null, min_amount: null, max_amount: null }],
      });
    });

    it('names start_date when only the start moves past the stored end', () => {
      expect(issueOf(() => resolvePromotionSettings({ start_date: '2027-01-01' }, current, context)).fields).toEqual([
        { path: 'start_date', message: 'the promotion must not end before it starts' },
      ]);
    });

    it('refuses to change the type, to clear is_active and to leave no rule', () => {
      expect(issueOf(() => resolvePromotionSettings({ type: 'discount' }, current, context)).fields).toEqual([
        { path: 'type', message: 'cannot change after creation' },
      ]);
      expect(issueOf(() => resolvePromotionSettings({ is_active: null }, current, context)).fields).toEqual([
        { path: 'is_active', message: 'is required and cannot be null' },
      ]);
      expect(issueOf(() => resolvePromotionSettings({ accrual_rules: [] }, current, context)).fields).toEqual([
        {
          path: 'accrual_rules',
          message: 'a trigger promotion needs at least one rule in accrual_rules or redeem_rules',
        },
      ]);
    });
  });

  describe('checkout kinds', () => {
    const discount = {
      type: 'discount' as const,
      name: 'Online 10%',
      external_id: 'online10',
      is_active: true,
      discount: { kind: 'percent', value: '10', target: 'order' },
    };

    it('keeps the parsed effect block and reads a discount budget as money', () => {
      const settings = resolvePromotionSettings({ ...discount, limits: { budget: '1000.5' } }, null, context);
      expect(settings).toMatchObject({
        discount: { kind: 'percent', value: '10.00', target: 'order', max_discount: null },
        accrual: null,
        redemption: null,
        accrual_rules: [],
        limits: { budget: '1000.50' },
      });
    });

    it('needs its own block and refuses the blocks and rules lists of other kinds', () => {
      expect(issueOf(() => resolvePromotionSettings({ ...discount, discount: undefined }, null, context))).toEqual({
        code: 'VALIDATION_FAILED',
        fields: [{ path: 'discount', message: 'is required' }],
      });
      expect(
        issueOf(() =>
          resolvePromotionSettings(
            { ...discount, accrual: { kind: 'percent', value: '5', points_currency_eid: 'bonus' } },
            null,
            context,
          ),
        ),
      ).toMatchObject({ fields: [{ path: 'accrual' }] });
      expect(
        issueOf(() =>
          resolvePromotionSettings({ ...discount, accrual_rules: [{ points_currency_eid: 'bonus' }] }, null, context),
        ),
      ).toMatchObject({ fields: [{ path: 'accrual_rules' }] });
      expect(
        issueOf(() =>
          resolvePromotionSettings(
            { ...required, discount: { kind: 'percent', value: '5', target: 'order' } },
            null,
            context,
          ),
        ),
      ).toMatchObject({ fields: [{ path: 'discount' }] });
      expect(
        issueOf(() =>
          resolvePromotionSettings(
            { ...discount, discount: { kind: 'percent', value: '120', target: 'order' } },
            null,
            context,
          ),
        ),
      ).toMatchObject({ fields: [{ path: 'discount.value' }] });
    });

    it('a points promotion takes an accrual in a currency of the program', () => {
      const points = { type: 'points' as const, name: 'Back', external_id: 'back', is_active: true };
      expect(
        resolvePromotionSettings(
          { ...points, accrual: { kind: 'percent', value: '5', points_currency_eid: 'bonus' } },
          null,
          context,
        ).accrual,
      ).toMatchObject({ kind: 'percent', base: 'paid', points_currency_eid: 'bonus' });
      expect(issueOf(() => resolvePromotionSettings(points, null, context))).toMatchObject({
        fields: [{ path: 'accrual' }],
      });
    });
  });
});
