import { E2eStack, startE2eStack } from '@loyalty/testing';
import {
  createAccount,
  createDatabase,
  Envelope,
  expectFailure,
  expectSuccess,
  TestAccount,
} from './support/e2e-helpers';

type Program = Record<string, unknown> & { id: number; is_active: boolean };
type Page<T> = { items: T[]; next_from_id: number | null; total_count: number };

/** loyalty/programs/*, loyalty/points_currencies/*, loyalty/tier_groups/* over HTTP (spec api.md §6). */
describe('loyalty configuration: programs, points currencies, tier groups', () => {
  let stack: E2eStack;
  let a: TestAccount;
  let b: TestAccount;
  let aDb: number;
  let aSecondDb: number;
  let bDb: number;
  let programId: number;

  const call = <T>(method: string, body: unknown, token: string) => stack.call<Envelope<T>>(method, body, token);
  const ok = async <T>(method: string, body: unknown, token = a.admin) =>
    expectSuccess(await call<T>(method, body, token));
  const setClock = (now: string | null) =>
    fetch(`${stack.apiUrl}/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now }),
    });

  beforeAll(async () => {
    stack = await startE2eStack('loyalty-config-programs');
    await setClock('2026-01-10T09:00:00.000Z');
    a = await createAccount(stack, 'Loyalty A');
    b = await createAccount(stack, 'Loyalty B');
    aDb = await createDatabase(stack, a.admin, 'A customers');
    aSecondDb = await createDatabase(stack, a.admin, 'A partners');
    bDb = await createDatabase(stack, b.admin, 'B customers');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  describe('loyalty/programs', () => {
    it('create answers {loyalty_program_id}; get answers every setting with the defaults of spec §6', async () => {
      const created = await ok<{ loyalty_program_id: number }>('loyalty/programs/create', {
        name: 'Club',
        external_id: 'club',
        db_id: aDb,
        currency: 'RUB',
        expiry_notice_days: [7, 1],
        redemption: { enabled: true, max_share_percent: 50, step: 1 },
      });
      expect(Object.keys(created)).toEqual(['loyalty_program_id']);
      programId = created.loyalty_program_id;
      expect(await ok('loyalty/programs/get', { loyalty_program_id: programId }, a.read)).toEqual({
        id: programId,
        name: 'Club',
        external_id: 'club',
        db_id: aDb,
        description: null,
        timezone: 'UTC',
        currency: 'RUB',
        is_active: true,
        arbitration: { mode: 'priority', max_discount_percent: null },
        redemption: { enabled: true, max_share_percent: '50', min_redeem: '0.00', step: '1.00' },
        allow_unknown_items: false,
        expiry_notice_days: [7, 1],
        activate_on: 'delay',
        release_on_cancel: true,
        created_at: '2026-01-10T09:00:00.000Z',
        updated_at: '2026-01-10T09:00:00.000Z',
      });
    });

    it('error 1 names the field: unknown fields, shapes, bounds, all-digit external ids', async () => {
      const body = { name: 'X', external_id: 'x', db_id: aSecondDb, currency: 'RUB' };
      for (const [patch, path] of [
        [{ colour: 'red' }, 'colour'],
        [{ currency: 'rub' }, 'currency'],
        [{ external_id: '12345' }, 'external_id'],
        [{ timezone: 'Mars/Base' }, 'timezone'],
        [{ redemption: { enabled: true, max_share_percent: '101' } }, 'redemption.max_share_percent'],
        [{ redemption: { enabled: true } }, 'redemption.max_share_percent'],
        [{ arbitration: { mode: 'cheapest' } }, 'arbitration.mode'],
        [{ expiry_notice_days: [7, 7] }, 'expiry_notice_days[1]'],
        [{ activate_on: 'never' }, 'activate_on'],
      ] as const) {
        const failure = expectFailure(
          await call('loyalty/programs/create', { ...body, ...patch }, a.admin),
          400,
          1,
          'VALIDATION_FAILED',
        );
        expect({ patch, paths: [...new Set(failure.details.fields?.map((field) => field.path))] }).toEqual({
          patch,
          paths: [path],
        });
      }
    });

    it('error 18 for a database that does not exist or is another account’s; error 5 for a taken external id or a second active program', async () => {
      const body = { name: 'X', external_id: 'other', currency: 'EUR' };
      for (const db_id of [999_999, bDb]) {
        const failure = expectFailure(
          await call('loyalty/programs/create', { ...body, db_id }, a.admin),
          400,
          18,
          'UNKNOWN_REFERENCE',
        );
        expect(failure.details.fields).toEqual([{ path: 'db_id', message: 'unknown database' }]);
      }
      const taken = expectFailure(
        await call('loyalty/programs/create', { ...body, external_id: 'club', db_id: aSecondDb }, a.admin),
        409,
        5,
        'CONFLICT',
      );
      expect(taken.details.fields?.map((field) => field.path)).toEqual(['external_id']);
      const active = expectFailure(
        await call('loyalty/programs/create', { ...body, db_id: aDb }, a.admin),
        409,
        5,
        'CONFLICT',
      );
      expect(active.details.fields?.map((field) => field.path)).toEqual(['is_active']);
    });

    it('activate and deactivate answer {loyalty_program_id, is_active}; one active program per database (5)', async () => {
      const { loyalty_program_id: spare } = await ok<{ loyalty_program_id: number }>('loyalty/programs/create', {
        name: 'Spare',
        external_id: 'spare',
        db_id: aDb,
        currency: 'RUB',
        is_active: false,
      });
      expectFailure(
        await call('loyalty/programs/activate', { loyalty_program_id: spare }, a.admin),
        409,
        5,
        'CONFLICT',
      );
      expect(await ok('loyalty/programs/deactivate', { loyalty_program_id: programId })).toEqual({
        loyalty_program_id: programId,
        is_active: false,
      });
      expect(await ok('loyalty/programs/activate', { loyalty_program_id: spare })).toEqual({
        loyalty_program_id: spare,
        is_active: true,
      });
      // activating an active program is a no-op
      expect(await ok('loyalty/programs/activate', { loyalty_program_id: spare })).toEqual({
        loyalty_program_id: spare,
        is_active: true,
      });
      expect(await ok('loyalty/programs/deactivate', { loyalty_program_id: spare })).toEqual({
        loyalty_program_id: spare,
        is_active: false,
      });
      expect(await ok('loyalty/programs/activate', { loyalty_program_id: programId })).toEqual({
        loyalty_program_id: programId,
        is_active: true,
      });
    });

    it('update is a partial patch answering the program; db_id never changes (1); null restores a default', async () => {
      await setClock('2026-01-11T00:00:00.000Z');
      const updated = await ok<Program>('loyalty/programs/update', {
        loyalty_program_id: programId,
        description: 'Points for every purchase',
        timezone: 'Europe/Moscow',
        redemption: null,
        db_id: aDb,
      });
      expect(updated).toMatchObject({
        id: programId,
        name: 'Club',
        description: 'Points for every purchase',
        timezone: 'Europe/Moscow',
        redemption: { enabled: true, max_share_percent: '100', min_redeem: '0.00', step: '0.01' },
        expiry_notice_days: [7, 1],
        updated_at: '2026-01-11T00:00:00.000Z',
      });
      expect(await ok('loyalty/programs/get', { loyalty_program_id: programId }, a.read)).toEqual(updated);
      const moved = expectFailure(
        await call('loyalty/programs/update', { loyalty_program_id: programId, db_id: aSecondDb }, a.admin),
        400,
        1,
        'VALIDATION_FAILED',
      );
      expect(moved.details.fields).toEqual([{ path: 'db_id', message: 'cannot change after creation' }]);
      const cleared = expectFailure(
        await call('loyalty/programs/update', { loyalty_program_id: programId, name: null }, a.admin),
        400,
        1,
        'VALIDATION_FAILED',
      );
      expect(cleared.details.fields?.map((field) => field.path)).toEqual(['name', 'name']);
      expect(cleared.details.fields?.[0].message).toBe('name must be a string');

      const audit = await ok<{ items: { entity_id: string; action: string; before: unknown; after: Program }[] }>(
        'admin/audit/list',
        { entity_type: 'loyalty_program', limit: 100 },
      );
      const mine = audit.items.filter((entry) => entry.entity_id === String(programId));
      expect(mine.map((entry) => entry.action)).toEqual(['create', 'deactivate', 'activate', 'update']);
      expect(mine[3].after).toEqual(updated);
    });

    it('list answers {items, next_from_id, total_count} ascending by id', async () => {
      const first = await ok<Page<Program>>('loyalty/programs/list', { limit: 1 }, a.read);
      expect(first.items.map((program) => program['external_id'])).toEqual(['club']);
      expect([first.next_from_id, first.total_count]).toEqual([programId, 2]);
      const rest = await ok<Page<Program>>('loyalty/programs/list', { from_id: first.next_from_id }, a.integration);
      expect([rest.items.map((program) => program['external_id']), rest.next_from_id, rest.total_count]).toEqual([
        ['spare'],
        null,
        2,
      ]);
      expect((await ok<Page<Program>>('loyalty/programs/list', {}, b.read)).items).toEqual([]);
    });

    it("another account's program answers 404 exactly like a missing one, and is not changed", async () => {
      for (const [method, extra] of [
        ['loyalty/programs/get', {}],
        ['loyalty/programs/update', { name: 'Hijacked' }],
        ['loyalty/programs/activate', {}],
        ['loyalty/programs/deactivate', {}],
      ] as const) {
        expectFailure(await call(method, { loyalty_program_id: programId, ...extra }, b.admin), 404, 4, 'NOT_FOUND');
        expectFailure(await call(method, { loyalty_program_id: 999_999, ...extra }, a.admin), 404, 4, 'NOT_FOUND');
      }
      expect(await ok('loyalty/programs/get', { loyalty_program_id: programId }, a.read)).toMatchObject({
        name: 'Club',
        is_active: true,
      });
    });
  });

  describe('loyalty/points_currencies', () => {
    let bonusId: number;

    it('create answers {points_currency_iid}; list shows the defaults; JSON numbers become canonical strings', async () => {
      await setClock('2026-01-12T00:00:00.000Z');
      const created = await ok<{ points_currency_iid: number }>('loyalty/points_currencies/create', {
        loyalty_program_id: programId,
        name: 'Bonus',
        external_id: 'bonus',
        type: 'standard',
      });
      expect(Object.keys(created)).toEqual(['points_currency_iid']);
      bonusId = created.points_currency_iid;
      const { points_currency_iid: qp } = await ok<{ points_currency_iid: number }>(
        'loyalty/points_currencies/create',
        {
          loyalty_program_id: programId,
          name: 'Status points',
          external_id: 'qp',
          type: 'qualification',
          precision: 0,
          validity: { unit: 'year', value: 1 },
          point_value: 0.5,
        },
      );
      const listed = await ok<Page<unknown>>(
        'loyalty/points_currencies/list',
        { loyalty_program_id: programId },
        a.read,
      );
      expect(listed).toEqual({
        items: [
          {
            id: bonusId,
            loyalty_program_id: programId,
            name: 'Bonus',
            external_id: 'bonus',
            type: 'standard',
            initial_balance: '0.00',
            validity: null,
            activation_delay_days: 0,
            point_value: '1.00',
            precision: 2,
            allow_negative: false,
            created_at: '2026-01-12T00:00:00.000Z',
            updated_at: '2026-01-12T00:00:00.000Z',
          },
          {
            id: qp,
            loyalty_program_id: programId,
            name: 'Status points',
            external_id: 'qp',
            type: 'qualification',
            initial_balance: '0.00',
            validity: { unit: 'year', value: 1 },
            activation_delay_days: 0,
            point_value: '0.50',
            precision: 0,
            allow_negative: false,
            created_at: '2026-01-12T00:00:00.000Z',
            updated_at: '2026-01-12T00:00:00.000Z',
          },
        ],
        next_from_id: null,
        total_count: 2,
      });
    });

    it('update answers the currency; the type never changes (1); amounts follow the precision (1); duplicates are 5', async () => {
      const updated = await ok('loyalty/points_currencies/update', {
        loyalty_program_id: programId,
        points_currency_iid: bonusId,
        initial_balance: 100,
        validity: { unit: 'month', value: 6 },
        activation_delay_days: 14,
      });
      expect(updated).toMatchObject({
        id: bonusId,
        initial_balance: '100.00',
        validity: { unit: 'month', value: 6 },
        activation_delay_days: 14,
      });
      const typed = expectFailure(
        await call(
          'loyalty/points_currencies/update',
          { loyalty_program_id: programId, points_currency_iid: bonusId, type: 'qualification' },
          a.admin,
        ),
        400,
        1,
        'VALIDATION_FAILED',
      );
      expect(typed.details.fields).toEqual([{ path: 'type', message: 'cannot change after creation' }]);
      const body = { loyalty_program_id: programId, name: 'W', external_id: 'whole', type: 'standard', precision: 0 };
      const fraction = expectFailure(
        await call('loyalty/points_currencies/create', { ...body, initial_balance: '0.50' }, a.admin),
        400,
        1,
        'VALIDATION_FAILED',
      );
      expect(fraction.details.fields?.map((field) => field.path)).toEqual(['initial_balance']);
      expectFailure(
        await call('loyalty/points_currencies/create', { ...body, external_id: 'bonus' }, a.admin),
        409,
        5,
        'CONFLICT',
      );
      expectFailure(
        await call('loyalty/points_currencies/create', { ...body, initial_balance: '1.005' }, a.admin),
        400,
        1,
        'VALIDATION_FAILED',
      );
    });

    it("another account's program answers 404 on every currency method", async () => {
      for (const [method, body] of [
        ['loyalty/points_currencies/list', { loyalty_program_id: programId }],
        [
          'loyalty/points_currencies/create',
          { loyalty_program_id: programId, name: 'X', external_id: 'x', type: 'standard' },
        ],
        [
          'loyalty/points_currencies/update',
          { loyalty_program_id: programId, points_currency_iid: bonusId, name: 'X' },
        ],
      ] as const) {
        expectFailure(await call(method, body, b.admin), 404, 4, 'NOT_FOUND');
      }
    });
  });

  describe('loyalty/tier_groups', () => {
    let groupId: number;
    const tiers = [
      { tier_eid: 'bronze', name: 'Bronze', threshold: '0.00' },
      { tier_eid: 'silver', name: 'Silver', threshold: 1000 },
      { tier_eid: 'gold', name: 'Gold', threshold: '5000' },
    ];

    it('create answers {tiers_group_id, tiers: [{tier_id, tier_eid, tier_order}]}', async () => {
      const created = await ok<{
        tiers_group_id: number;
        tiers: { tier_id: number; tier_eid: string; tier_order: number }[];
      }>('loyalty/tier_groups/create', {
        loyalty_program_id: programId,
        name: 'Status',
        tiers_group_type: 'periodic',
        points_currency_eid: 'qp',
        review: { period_months: 12, anchor_date: '2026-01-01' },
        tiers,
      });
      groupId = created.tiers_group_id;
      expect(Object.keys(created)).toEqual(['tiers_group_id', 'tiers']);
      expect(created.tiers.map((tier) => Object.keys(tier))).toEqual([
        ['tier_id', 'tier_eid', 'tier_order'],
        ['tier_id', 'tier_eid', 'tier_order'],
        ['tier_id', 'tier_eid', 'tier_order'],
      ]);
      expect(created.tiers.map((tier) => [tier.tier_eid, tier.tier_order])).toEqual([
        ['bronze', 0],
        ['silver', 1],
        ['gold', 2],
      ]);
      const listed = await ok<Page<{ tiers: unknown[] }>>(
        'loyalty/tier_groups/list',
        { loyalty_program_id: programId },
        a.read,
      );
      expect(listed).toEqual({
        items: [
          {
            id: groupId,
            loyalty_program_id: programId,
            name: 'Status',
            tiers_group_type: 'periodic',
            points_currency_eid: 'qp',
            review: { period_months: 12, anchor_date: '2026-01-01' },
            tiers: created.tiers.map((tier, index) => ({
              ...tier,
              name: tiers[index].name,
              threshold: ['0.00', '1000.00', '5000.00'][index],
            })),
            created_at: '2026-01-12T00:00:00.000Z',
            updated_at: '2026-01-12T00:00:00.000Z',
          },
        ],
        next_from_id: null,
        total_count: 1,
      });
    });

    it('error 1 for a bad ladder, a standard currency or a missing review; error 18 for an unknown currency', async () => {
      const body = {
        loyalty_program_id: programId,
        name: 'S',
        tiers_group_type: 'cumulative',
        points_currency_eid: 'qp',
        tiers,
      };
      for (const [patch, path, error] of [
        [{ tiers: [tiers[0], tiers[2], tiers[1]] }, 'tiers[2].threshold', 1],
        [{ tiers: [tiers[0], { ...tiers[1], tier_eid: 'bronze' }] }, 'tiers[1].tier_eid', 1],
        [{ tiers: [tiers[1], tiers[2]] }, 'tiers[0].threshold', 1],
        [{ points_currency_eid: 'bonus' }, 'points_currency_eid', 1],
        [{ tiers_group_type: 'periodic' }, 'review', 1],
        [{ review: { period_months: 0, anchor_date: '2026-01-01' } }, 'review.period_months', 1],
        [{ points_currency_eid: 'missing' }, 'points_currency_eid', 18],
      ] as const) {
        const answer = await call('loyalty/tier_groups/create', { ...body, ...patch }, a.admin);
        const failure =
          error === 1
            ? expectFailure(answer, 400, 1, 'VALIDATION_FAILED')
            : expectFailure(answer, 400, 18, 'UNKNOWN_REFERENCE');
        expect({ patch, paths: [...new Set(failure.details.fields?.map((field) => field.path))] }).toEqual({
          patch,
          paths: [path],
        });
      }
    });

    it('update replaces the ladder keeping tier ids of tier_eids that stay and answers the group', async () => {
      const before = (
        await ok<Page<{ tiers: { tier_id: number; tier_eid: string }[] }>>('loyalty/tier_groups/list', {
          loyalty_program_id: programId,
        })
      ).items[0];
      const updated = await ok<{
        name: string;
        tiers: { tier_id: number; tier_eid: string; threshold: string; tier_order: number }[];
      }>('loyalty/tier_groups/update', {
        loyalty_program_id: programId,
        tiers_group_id: groupId,
        name: 'Levels',
        tiers: [tiers[0], { tier_eid: 'gold', name: 'Gold', threshold: 2500 }],
      });
      expect(updated.name).toBe('Levels');
      expect(updated.tiers.map((tier) => [tier.tier_id, tier.tier_eid, tier.threshold, tier.tier_order])).toEqual([
        [before.tiers[0].tier_id, 'bronze', '0.00', 0],
        [before.tiers[2].tier_id, 'gold', '2500.00', 1],
      ]);
      const fixed = expectFailure(
        await call(
          'loyalty/tier_groups/update',
          { loyalty_program_id: programId, tiers_group_id: groupId, tiers_group_type: 'cumulative' },
          a.admin,
        ),
        400,
        1,
        'VALIDATION_FAILED',
      );
      expect(fixed.details.fields?.map((field) => field.path)).toEqual(['tiers_group_type']);
      expectFailure(
        await call(
          'loyalty/tier_groups/update',
          { loyalty_program_id: programId, tiers_group_id: 999_999, name: 'x' },
          a.admin,
        ),
        404,
        4,
        'NOT_FOUND',
      );
    });

    it("another account's program answers 404 on every tier-group method", async () => {
      for (const [method, body] of [
        ['loyalty/tier_groups/list', { loyalty_program_id: programId }],
        [
          'loyalty/tier_groups/create',
          {
            loyalty_program_id: programId,
            name: 'X',
            tiers_group_type: 'cumulative',
            points_currency_eid: 'qp',
            tiers,
          },
        ],
        ['loyalty/tier_groups/update', { loyalty_program_id: programId, tiers_group_id: groupId, name: 'X' }],
      ] as const) {
        expectFailure(await call(method, body, b.admin), 404, 4, 'NOT_FOUND');
      }
    });
  });
});
