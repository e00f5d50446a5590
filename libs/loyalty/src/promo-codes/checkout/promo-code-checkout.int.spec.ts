import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEvent, toApiFailure } from '@loyalty/platform';
import { rejectionOf } from '@loyalty/testing';
import { PromoCode } from '../../entities/promo-code.entity';
import { createPromoCodeWorld, PromoCodeWorld, START } from '../../test-support/promo-code-fixture';
import type { CodeHolder } from '../domain/code-state';
import { UpdatePromoCode } from '../use-cases/update-promo-code.use-case';
import { activatePromoCodes, checkPromoCodes, releasePromoCodes } from './promo-code-checkout';

describe('the checkout promo-code service (real PostgreSQL)', () => {
  let world: PromoCodeWorld;
  let personal: number;
  let universal: number;
  let multi: number;
  let windowed: number;
  let anna: CodeHolder;
  let boris: CodeHolder;
  const now = new Date('2026-03-10T12:00:00.000Z');

  /** Runs `work` in a transaction of its own, as a commit would. */
  const inTransaction = <T>(work: (em: EntityManager) => Promise<T>) => world.ctx.em().transactional(work);
  const check = (codes: string[], profile: CodeHolder | null, at = now) =>
    inTransaction((em) => checkPromoCodes(em, { accountId: world.accountId, codes, profile, now: at }));
  const idOf = async (programId: number, code: string) => (await world.rows(programId)).get(code)?.id as number;
  const activate = (codeIds: number[], profile: CodeHolder | null) =>
    inTransaction((em) => activatePromoCodes(em, { accountId: world.accountId, codeIds, profile, now }));

  beforeAll(async () => {
    world = await createPromoCodeWorld('promo-checkout');
    ({ anna, boris } = world.people);
    personal = await world.program({ short_name: 'personal' });
    universal = await world.program({ short_name: 'universal', kind: 'universal' });
    multi = await world.program({ short_name: 'multi', kind: 'universal', multi_use: true, max_uses_per_code: 2 });
    windowed = await world.program({
      short_name: 'windowed',
      kind: 'universal',
      valid_from: '2026-03-05T00:00:00Z',
      valid_to: '2026-03-20T00:00:00Z',
    });
    await world.importCodes(personal, ['ANNA-1', 'ANNA-USED', 'ANNA-OLD', 'BORIS-1', 'BORIS-OLD', 'FREE-1', 'TWICE']);
    await world.importCodes(universal, ['U-1', 'U-USED', 'U-OLD', 'TWICE']);
    await world.importCodes(multi, ['M-1', 'M-MAX']);
    await world.importCodes(windowed, ['W-1']);
    // another account has codes with the same texts, usable by anyone there
    const theirs = await world.program({ short_name: 'theirs', kind: 'universal' }, true);
    await world.importCodes(theirs, ['THEIRS', 'U-1', 'BORIS-1'], true);
    for (const [code, person] of [
      ['ANNA-1', 'anna'],
      ['ANNA-USED', 'anna'],
      ['ANNA-OLD', 'anna'],
      ['BORIS-1', 'boris'],
      ['BORIS-OLD', 'boris'],
    ]) {
      await world.attach(personal, code, person);
    }
    const update = (programId: number, code: string, patch: { activated?: boolean; expire_date?: string }) =>
      world.as(() => world.ctx.get(UpdatePromoCode).execute({ programId, code, ...patch }));
    for (const [programId, code] of [
      [personal, 'ANNA-USED'],
      [personal, 'BORIS-OLD'],
      [personal, 'TWICE'],
      [universal, 'U-USED'],
    ] as const) {
      await update(programId, code, { activated: true });
    }
    for (const [programId, code] of [
      [personal, 'ANNA-OLD'],
      [personal, 'BORIS-OLD'],
      [universal, 'U-OLD'],
    ] as const) {
      await update(programId, code, { expire_date: '2026-03-09T23:59:59.999Z' });
    }
    await inTransaction(async (em) => {
      await em.execute(
        `update promo_codes set uses_count = 2, activated_at = ? where program_id = ? and code = 'M-MAX'`,
        [START, multi],
      );
    });
  });

  afterAll(() => world?.close());

  describe('checkPromoCodes', () => {
    it('answers every code for its holder: valid, already_used, expired; a free personal code is invalid; in one query', async () => {
      const em = world.ctx.em();
      const execute = jest.spyOn(em, 'execute');
      const codes = ['ANNA-1', 'ANNA-USED', 'ANNA-OLD', 'FREE-1', 'U-1', 'U-USED', 'U-OLD', 'M-1', 'M-MAX', 'W-1'];
      const answer = await checkPromoCodes(em, { accountId: world.accountId, codes, profile: anna, now });
      expect(execute).toHaveBeenCalledTimes(1);
      const ids = new Map<string, [number, number]>();
      for (const programId of [personal, universal, multi, windowed]) {
        for (const [code, row] of await world.rows(programId)) ids.set(code, [programId, row.id]);
      }
      const known = (code: string, state: string) => ({
        code,
        state,
        programId: ids.get(code)?.[0],
        codeId: ids.get(code)?.[1],
      });
      expect(answer).toEqual([
        known('ANNA-1', 'valid'),
        known('ANNA-USED', 'already_used'),
        known('ANNA-OLD', 'expired'),
        { code: 'FREE-1', state: 'invalid', programId: null, codeId: null },
        known('U-1', 'valid'),
        known('U-USED', 'already_used'),
        known('U-OLD', 'expired'),
        known('M-1', 'valid'),
        known('M-MAX', 'already_used'),
        known('W-1', 'valid'),
      ]);
    });

    it('cannot be probed: unknown, foreign and someone else’s codes all answer the same invalid, with no ids', async () => {
      const invalid = (code: string) => ({ code, state: 'invalid', programId: null, codeId: null });
      // BORIS-1 and BORIS-OLD are boris's (one valid, one used and expired); THEIRS is another account's
      const probes = ['NOPE', 'THEIRS', 'BORIS-1', 'BORIS-OLD', 'anna-1', 'ANNA-1 '];
      expect(await check(probes, anna)).toEqual(probes.map(invalid));
      // nobody's personal code is anyone's to see without being its holder, anonymous buyers included
      expect(await check(['ANNA-1', 'ANNA-USED', 'BORIS-1'], null)).toEqual(
        ['ANNA-1', 'ANNA-USED', 'BORIS-1'].map(invalid),
      );
      // the other account's buyer sees only its own account's codes
      const theirs = await inTransaction((em) =>
        checkPromoCodes(em, {
          accountId: world.otherAccountId,
          codes: ['ANNA-1', 'FREE-1', 'THEIRS'],
          profile: world.stranger,
          now,
        }),
      );
      expect(theirs.map((answer) => [answer.code, answer.state])).toEqual([
        ['ANNA-1', 'invalid'],
        ['FREE-1', 'invalid'],
        ['THEIRS', 'valid'],
      ]);
    });

    it('answers universal codes alike for everyone, and the program window bounds them (both ends inclusive)', async () => {
      const states = async (profile: CodeHolder | null, at: Date) =>
        (await check(['U-1', 'U-USED', 'W-1'], profile, at)).map((answer) => answer.state);
      expect(await states(null, now)).toEqual(['valid', 'already_used', 'valid']);
      expect(await states(boris, now)).toEqual(['valid', 'already_used', 'valid']);
      expect(await states(null, new Date('2026-03-04T23:59:59.999Z'))).toEqual(['valid', 'already_used', 'expired']);
      expect(await states(null, new Date('2026-03-05T00:00:00.000Z'))).toEqual(['valid', 'already_used', 'valid']);
      expect(await states(null, new Date('2026-03-20T00:00:00.000Z'))).toEqual(['valid', 'already_used', 'valid']);
      expect(await states(null, new Date('2026-03-20T00:00:00.001Z'))).toEqual(['valid', 'already_used', 'expired']);
    });

    it('answers a code once however often it is sent, and a text of two programs by its best state', async () => {
      const answer = await check(['U-1', 'TWICE', 'U-1'], anna);
      expect(answer.map((item) => [item.code, item.state])).toEqual([
        ['U-1', 'valid'],
        ['TWICE', 'valid'],
      ]);
      // TWICE is a used free personal code in one program and a valid universal one in the other
      expect(answer[1]).toMatchObject({ programId: universal, codeId: await idOf(universal, 'TWICE') });
      expect(await check([], anna)).toEqual([]);
    });
  });

  describe('activatePromoCodes and releasePromoCodes', () => {
    it("uses the holder's and universal codes once each, with a promocode.activated event per code", async () => {
      const codeIds = [await idOf(universal, 'U-1'), await idOf(personal, 'ANNA-1'), await idOf(multi, 'M-1')];
      const activated = await activate(codeIds, anna);
      expect(activated).toEqual(
        [
          { codeId: codeIds[0], code: 'U-1', programId: universal, usesCount: 1 },
          { codeId: codeIds[1], code: 'ANNA-1', programId: personal, usesCount: 1 },
          { codeId: codeIds[2], code: 'M-1', programId: multi, usesCount: 1 },
        ].sort((a, b) => a.codeId - b.codeId),
      );
      for (const [programId, code] of [
        [universal, 'U-1'],
        [personal, 'ANNA-1'],
        [multi, 'M-1'],
      ] as const) {
        expect((await world.rows(programId)).get(code)).toMatchObject({
          usesCount: 1,
          activatedAt: now,
          updatedAt: now,
        });
      }
      const events = await world.ctx
        .em()
        .find(OutboxEvent, { eventType: 'promocode.activated' }, { filters: false, orderBy: { id: 'asc' } });
      expect(events.map((event) => [event.account, event.subjectKey, event.payload])).toEqual(
        activated.map((code) => [
          world.accountId,
          `promocode:${code.codeId}`,
          {
            loyalty_id: code.programId,
            code: code.code,
            uses: 1,
            db_id: anna.databaseId,
            profile_id: anna.profileId,
            activated_at: now.toISOString(),
          },
        ]),
      );
      expect((await check(['U-1', 'ANNA-1', 'M-1'], anna)).map((answer) => answer.state)).toEqual([
        'already_used',
        'already_used',
        'valid',
      ]);
    });

    it('refuses what the holder may not use (16; 11 at a multi-use maximum) and rolls the whole call back', async () => {
      const failure = async (codeIds: number[], profile: CodeHolder | null) => {
        const error = await rejectionOf(activate(codeIds, profile));
        return [toApiFailure(error).code, error.message, error.details];
      };
      const boris1 = await idOf(personal, 'BORIS-1');
      const free = await idOf(personal, 'FREE-1');
      const fresh = await idOf(universal, 'TWICE');
      expect(await failure([fresh, boris1], anna)).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code is attached to another profile',
        { code: 'BORIS-1' },
      ]);
      expect(await failure([free], anna)).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code is not attached to a profile',
        { code: 'FREE-1' },
      ]);
      expect(await failure([boris1], null)).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code is attached to another profile',
        { code: 'BORIS-1' },
      ]);
      expect(await failure([await idOf(personal, 'ANNA-OLD')], anna)).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code has expired',
        { code: 'ANNA-OLD' },
      ]);
      expect(await failure([await idOf(multi, 'M-MAX')], null)).toEqual([
        'LIMIT_REACHED',
        'The promo code was used 2 times, its maximum',
        { code: 'M-MAX' },
      ]);
      // another account's code is not there at all
      const theirs = (await world.ctx.em().find(PromoCode, { code: 'THEIRS' }, { filters: false }))[0];
      expect(await failure([theirs.id], anna)).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code cannot be used',
        { code: null },
      ]);
      // nothing moved, the universal TWICE included, and no event was written for it
      expect((await world.rows(universal)).get('TWICE')).toMatchObject({ usesCount: 0, activatedAt: null });
      expect((await world.rows(personal)).get('BORIS-1')).toMatchObject({ usesCount: 0, activatedAt: null });
      expect(
        await world.ctx
          .em()
          .count(
            OutboxEvent,
            { eventType: 'promocode.activated', subjectKey: `promocode:${fresh}` },
            { filters: false },
          ),
      ).toBe(0);
    });

    it('activates a code used by two commits at once exactly once; the loser gets error 16', async () => {
      const code = await idOf(personal, 'BORIS-1');
      const commit = () =>
        inTransaction(async (em) => {
          const activated = await activatePromoCodes(em, {
            accountId: world.accountId,
            codeIds: [code],
            profile: boris,
            now,
          });
          // hold the row while the other commit arrives
          await new Promise((resolve) => setTimeout(resolve, 150));
          return activated;
        });
      const outcomes = await Promise.allSettled([commit(), commit()]);
      const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect([
        outcomes.length - failures.length,
        failures.map((error) => [toApiFailure(error).code, error.message]),
      ]).toEqual([1, [['PROMO_CODE_INVALID', 'The promo code is already activated']]]);
      expect((await world.rows(personal)).get('BORIS-1')).toMatchObject({ usesCount: 1 });
      expect(
        await world.ctx
          .em()
          .count(
            OutboxEvent,
            { eventType: 'promocode.activated', subjectKey: `promocode:${code}` },
            { filters: false },
          ),
      ).toBe(1);
    });

    it('lets 6 concurrent commits use a multi-use code of 3 uses exactly 3 times (the others get 11)', async () => {
      const programId = await world.program({
        short_name: 'three-uses',
        kind: 'universal',
        multi_use: true,
        max_uses_per_code: 3,
      });
      await world.importCodes(programId, ['THREE']);
      const code = await idOf(programId, 'THREE');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, () =>
          inTransaction(async (em) => {
            await activatePromoCodes(em, { accountId: world.accountId, codeIds: [code], profile: null, now });
            await new Promise((resolve) => setTimeout(resolve, 30));
          }),
        ),
      );
      const codes = outcomes.map((outcome) =>
        outcome.status === 'fulfilled' ? 'ok' : toApiFailure(outcome.reason).code,
      );
      expect(codes.sort()).toEqual(['LIMIT_REACHED', 'LIMIT_REACHED', 'LIMIT_REACHED', 'ok', 'ok', 'ok']);
      expect((await world.rows(programId)).get('THREE')).toMatchObject({ usesCount: 3 });
    });

    it('gives uses back on release: a code with no use left to give is left alone', async () => {
      const programId = await world.program({ short_name: 'release', kind: 'universal', multi_use: true });
      await world.importCodes(programId, ['R-MULTI']);
      const single = await world.program({ short_name: 'release-single', kind: 'universal' });
      await world.importCodes(single, ['R-ONE', 'R-NEVER']);
      const [multiId, oneId, neverId] = [
        await idOf(programId, 'R-MULTI'),
        await idOf(single, 'R-ONE'),
        await idOf(single, 'R-NEVER'),
      ];
      await activate([multiId, oneId], null);
      await activate([multiId], null);
      const later = new Date('2026-03-11T00:00:00.000Z');
      const release = (codeIds: number[], accountId = world.accountId) =>
        inTransaction((em) => releasePromoCodes(em, { accountId, codeIds, now: later }));
      expect(await release([neverId, oneId, multiId, oneId])).toEqual([multiId, oneId].sort((a, b) => a - b));
      expect((await world.rows(single)).get('R-ONE')).toMatchObject({
        usesCount: 0,
        activatedAt: null,
        updatedAt: later,
      });
      expect((await world.rows(single)).get('R-NEVER')).toMatchObject({ usesCount: 0, activatedAt: null });
      expect((await world.rows(programId)).get('R-MULTI')).toMatchObject({ usesCount: 1, activatedAt: now });
      // another account cannot release this account's codes
      expect(await release([multiId], world.otherAccountId)).toEqual([]);
      expect(await release([multiId])).toEqual([multiId]);
      expect((await world.rows(programId)).get('R-MULTI')).toMatchObject({ usesCount: 0, activatedAt: null });
      // a released single-use code can be used again
      expect((await check(['R-ONE'], null)).map((answer) => answer.state)).toEqual(['valid']);
    });
  });
});
