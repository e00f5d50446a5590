import { addToLocalDate, endOfLocalDate, localDateParts } from '@loyalty/kernel';
import { PointsLot, PointsTransaction } from '@loyalty/loyalty';
import { EntityManager } from '@mikro-orm/postgresql';
import type { MatchingInput } from '@loyalty/profiles';
import { createScenarioWorld, ScenarioWorld, WORLD_ZONE } from '../test-support/scenario-world';
import { BalanceConditionNode } from './balance-condition.node';
import { ExpiringPointsConditionNode } from './expiring-points-condition.node';
import { ParticipationNode } from './participation.node';
import { PointsManagementNode } from './points-management.node';
import { TierConditionNode } from './tier-condition.node';

describe('loyalty nodes', () => {
  let world: ScenarioWorld;
  let participation: ParticipationNode;
  let points: PointsManagementNode;
  let balance: BalanceConditionNode;
  let tier: TierConditionNode;
  let expiring: ExpiringPointsConditionNode;
  let programId: number;
  let groupId: number;
  let annaId: string;
  const anna: MatchingInput = { matching: 'email', email: 'anna@example.com' };

  const asAnna = (overrides: Parameters<ScenarioWorld['context']>[0] = {}) =>
    world.context({ person: anna, profileId: annaId, ...overrides });
  const balanceIs = async (op: 'eq' | 'gt', value: string) =>
    (await world.run(balance, asAnna(), { loyalty_program_id: programId, points_currency_eid: 'bonus', op, value }))
      .output;

  beforeAll(async () => {
    world = await createScenarioWorld('nodes-loyalty');
    programId = world.program.id;
    await world.currency({ externalId: 'bonus', initialBalance: '1000' });
    const qual = await world.currency({ externalId: 'qual', type: 'qualification' });
    await world.currency({ externalId: 'short', validity: { unit: 'day', value: 5 } });
    groupId = await world.tierGroup(qual.id, [
      ['base', '0'],
      ['gold', '100'],
    ]);
    await world.triggerPromotion({ externalId: 'welcome', accrual: [{ static_amount: '100' }], perMember: 1 });
    await world.triggerPromotion({ externalId: 'spend', redeem: [{}] });
    await world.triggerPromotion({ externalId: 'late', accrual: [{ static_amount: '50' }] });
    await world.triggerPromotion({
      externalId: 'qualify',
      accrual: [{ points_currency_eid: 'qual', static_amount: '100' }],
    });
    await world.triggerPromotion({
      externalId: 'brief',
      accrual: [{ points_currency_eid: 'short', static_amount: '30' }],
    });
    await world.triggerPromotion({
      externalId: 'two',
      accrual: [{ points_currency_eid: 'bonus' }, { points_currency_eid: 'short' }],
    });
    participation = world.ctx.get(ParticipationNode);
    points = world.ctx.get(PointsManagementNode);
    balance = world.ctx.get(BalanceConditionNode);
    tier = world.ctx.get(TierConditionNode);
    expiring = world.ctx.get(ExpiringPointsConditionNode);
  });

  afterAll(() => world.close());

  describe('loyalty.participation', () => {
    it('joins a new person (creating the profile), then answers already_member', async () => {
      const first = await world.run(participation, world.context({ person: anna }), { loyalty_program_id: programId });
      expect(first).toEqual({
        output: 'joined',
        data: { profile_id: expect.stringMatching(/^[0-9a-f]{24}$/), loyalty_program_id: programId },
        profileId: first.data?.['profile_id'],
      });
      annaId = first.profileId as string;
      const again = await world.run(participation, world.context({ person: anna }), { loyalty_program_id: programId });
      expect(again).toEqual({
        output: 'already_member',
        data: { profile_id: annaId, loyalty_program_id: programId },
        profileId: annaId,
      });
    });

    it('answers error for no person or an unknown program', async () => {
      expect(await world.run(participation, world.context({}), { loyalty_program_id: programId })).toEqual({
        output: 'error',
        data: { error_code: 'PROFILE_NOT_FOUND', error_text: 'The run names no person' },
      });
      expect(await world.run(participation, world.context({ person: anna }), { loyalty_program_id: 999_999 })).toEqual({
        output: 'error',
        data: { error_code: 'NOT_FOUND', error_text: 'Loyalty program 999999 not found' },
      });
    });
  });

  describe('loyalty.points_management', () => {
    const welcome = () => ({ loyalty_program_id: programId, promotion_id: 'welcome', operation: 'accrue' as const });

    it("accrues the promotion's static amount once per effect key: a retried step replays its answer", async () => {
      const context = asAnna({ effectKey: 'run-welcome-step-2' });
      const first = await world.run(points, context, welcome());
      expect(first).toEqual({
        output: 'success',
        data: { transaction_id: expect.any(Number), amount: '100.00', balance: '1100.00' },
      });
      const retried = await world.run(points, { ...context, now: new Date() }, welcome());
      expect(retried).toEqual(first);
      const rows = await world.as(() =>
        world.ctx.get(EntityManager).fork().count(PointsTransaction, { transactionEid: 'run-welcome-step-2' }),
      );
      expect(rows).toBe(1);
      expect(await balanceIs('eq', '1100')).toBe('true');
    });

    it('answers limit_reached for a second use past per_member: 1, with the balance unchanged', async () => {
      // The refusal rolls back the ledger's savepoint only: the step's own writes still commit after it.
      const result = await world.as(() =>
        world.ctx.get(EntityManager).transactional(async (em) => {
          const answer = await points.execute(asAnna({ effectKey: 'run-welcome-again' }), welcome());
          await em.execute('select 1');
          return answer;
        }),
      );
      expect(result).toEqual({
        output: 'limit_reached',
        data: { error_code: 'LIMIT_REACHED', error_text: expect.any(String) },
      });
      expect(await balanceIs('eq', '1100.00')).toBe('true');
    });

    it('redeems, and answers insufficient_points above the active balance', async () => {
      const spend = { loyalty_program_id: programId, promotion_id: 'spend', operation: 'redeem' as const };
      expect(await world.run(points, asAnna(), { ...spend, amount: '1100.01' })).toEqual({
        output: 'insufficient_points',
        data: { error_code: 'INSUFFICIENT_POINTS', error_text: expect.any(String) },
      });
      expect(await world.run(points, asAnna(), { ...spend, amount: 100.5 })).toEqual({
        output: 'success',
        data: { transaction_id: expect.any(Number), amount: '100.50', balance: '999.50' },
      });
    });

    it('answers not_a_member for an unknown person or none, and error for other refusals', async () => {
      const stranger = world.context({ person: { matching: 'email', email: 'nobody@example.com' } });
      expect((await world.run(points, stranger, welcome())).output).toBe('not_a_member');
      expect(await world.run(points, world.context({}), welcome())).toEqual({
        output: 'not_a_member',
        data: { error_code: 'PROFILE_NOT_FOUND', error_text: 'The run names no person' },
      });
      const unknown = await world.run(points, asAnna(), { ...welcome(), promotion_id: 'nope' });
      expect(unknown).toEqual({
        output: 'error',
        data: { error_code: 'UNKNOWN_REFERENCE', error_text: 'The program has no promotion nope' },
      });
      const ambiguous = await world.run(points, asAnna(), { ...welcome(), promotion_id: 'two', amount: '1' });
      expect(ambiguous.data).toEqual({
        error_code: 'VALIDATION_FAILED',
        error_text: 'points_currency_eid: is required: the promotion has accrue rules for 2 currencies',
      });
    });

    it('expires the points of expiration_days: N at the end of the local day N days after the accrual', async () => {
      const now = new Date();
      const result = await world.run(points, asAnna({ now }), {
        loyalty_program_id: programId,
        promotion_id: 'late',
        operation: 'accrue',
        expiration_days: 3,
      });
      expect(result.output).toBe('success');
      const lot = await world.as(() =>
        world.ctx
          .get(EntityManager)
          .fork()
          .findOneOrFail(PointsLot, { transaction: result.data?.['transaction_id'] as number }),
      );
      const expected = endOfLocalDate(addToLocalDate(localDateParts(now, WORLD_ZONE), 3, 'day'), WORLD_ZONE);
      expect(lot.expiresAt).toEqual(expected);
      // Moscow is UTC+3 all year: the end of a Moscow day is 20:59:59.999Z.
      expect(lot.expiresAt?.toISOString()).toMatch(/T20:59:59\.999Z$/);
      expect(lot.amount).toBe(5000n);
      await world.expectSoundLedger();
    });
  });

  describe('loyalty.balance_condition', () => {
    it('compares the active balance exactly', async () => {
      // 1000 initial + 100 welcome - 100.50 spent + 50 late
      expect(await balanceIs('eq', '1049.50')).toBe('true');
      expect(await balanceIs('gt', '1049.50')).toBe('false');
      expect(await balanceIs('gt', '1049.49')).toBe('true');
      const args = { loyalty_program_id: programId, points_currency_eid: 'bonus', op: 'lte' as const, value: 0 };
      const stranger = world.context({ person: { matching: 'email', email: 'nobody@example.com' } });
      expect(await world.run(balance, stranger, args)).toEqual({ output: 'true', data: { balance: '0.00' } });
      expect((await world.run(balance, asAnna(), { ...args, points_currency_eid: 'nope' })).data).toMatchObject({
        error_code: 'UNKNOWN_REFERENCE',
      });
    });
  });

  describe('loyalty.tier_condition', () => {
    it("follows the member's current tier", async () => {
      const isTier = async (tierEid: string) =>
        (await world.run(tier, asAnna(), { tiers_group_id: groupId, tier_eid: tierEid })).output;
      expect(await isTier('base')).toBe('true');
      expect(await isTier('gold')).toBe('false');
      const qualify = { loyalty_program_id: programId, promotion_id: 'qualify', operation: 'accrue' as const };
      expect((await world.run(points, asAnna(), qualify)).output).toBe('success');
      expect(await world.run(tier, asAnna(), { tiers_group_id: groupId, tier_eid: 'gold' })).toEqual({
        output: 'true',
        data: { tier_eid: 'gold' },
      });
      expect(await isTier('base')).toBe('false');
      const stranger = world.context({ person: { matching: 'email', email: 'nobody@example.com' } });
      expect(await world.run(tier, stranger, { tiers_group_id: groupId, tier_eid: 'base' })).toEqual({
        output: 'false',
        data: { tier_eid: null },
      });
    });
  });

  describe('loyalty.expiring_points_condition', () => {
    it('sums the points expiring by the end of the local day within_days ahead', async () => {
      const now = new Date();
      const brief = { loyalty_program_id: programId, promotion_id: 'brief', operation: 'accrue' as const };
      expect((await world.run(points, asAnna({ now }), brief)).output).toBe('success');
      const firstExpiry = endOfLocalDate(addToLocalDate(localDateParts(now, WORLD_ZONE), 5, 'day'), WORLD_ZONE);
      const check = (within_days: number, min_amount?: string) =>
        world.run(expiring, asAnna({ now }), {
          loyalty_program_id: programId,
          points_currency_eid: 'short',
          within_days,
          ...(min_amount === undefined ? {} : { min_amount }),
        });
      expect(await check(4)).toEqual({ output: 'false', data: { amount: '0.00', first_expiry: null } });
      expect(await check(5)).toEqual({
        output: 'true',
        data: { amount: '30.00', first_expiry: firstExpiry.toISOString() },
      });
      expect((await check(5, '30')).output).toBe('true');
      expect((await check(5, '30.01')).output).toBe('false');
      const stranger = world.context({ person: { matching: 'email', email: 'nobody@example.com' } });
      expect(
        await world.run(expiring, stranger, {
          loyalty_program_id: programId,
          points_currency_eid: 'short',
          within_days: 5,
        }),
      ).toEqual({ output: 'false', data: { amount: '0.00', first_expiry: null } });
      await world.expectSoundLedger();
    });
  });
});
