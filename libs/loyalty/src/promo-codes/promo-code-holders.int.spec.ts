import { OutboxEvent } from '@loyalty/platform';
import { rejectionOf } from '@loyalty/testing';
import { createPromoCodeWorld, PromoCodeWorld, START } from '../test-support/promo-code-fixture';
import { ActivatePromoCode } from './use-cases/activate-promo-code.use-case';
import { AttachPromoCode, AttachPromoCodeInput } from './use-cases/attach-promo-code.use-case';
import { DetachPromoCode } from './use-cases/detach-promo-code.use-case';
import { UpdatePromoCode, UpdatePromoCodeInput } from './use-cases/update-promo-code.use-case';

describe('attaching, detaching, activating and updating promo codes (real PostgreSQL)', () => {
  let world: PromoCodeWorld;
  let personal: number;
  const failureOf = rejectionOf;
  const email = (name: string) => ({ matching: 'email' as const, email: `${name}@example.com` });
  const attach = (input: Partial<AttachPromoCodeInput> & { programId: number }, name = 'anna') =>
    world.as(() => world.ctx.get(AttachPromoCode).execute({ dbId: world.dbId, person: email(name), ...input }));
  const detach = (programId: number, code: string, name = 'anna') =>
    world.as(() => world.ctx.get(DetachPromoCode).execute({ programId, dbId: world.dbId, code, person: email(name) }));
  const activate = (programId: number, code: string, name?: string) =>
    world.as(() =>
      world.ctx
        .get(ActivatePromoCode)
        .execute({ programId, code, ...(name ? { dbId: world.dbId, person: email(name) } : {}) }),
    );
  const update = (input: UpdatePromoCodeInput) => world.as(() => world.ctx.get(UpdatePromoCode).execute(input));
  const row = async (programId: number, code: string) => (await world.rows(programId)).get(code);
  const failure = async (promise: Promise<unknown>) => {
    const error = await failureOf(promise);
    return [error.code, error.message];
  };

  beforeAll(async () => {
    world = await createPromoCodeWorld('promo-holders');
    personal = await world.program({ short_name: 'personal' });
    await world.importCodes(personal, ['P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'P-6']);
  });

  afterEach(() => world.clock.set(START));

  afterAll(() => world?.close());

  describe('attach', () => {
    it('attaches a named code to the profile; again to the same profile is a no-op', async () => {
      expect(await attach({ programId: personal, code: 'P-3' })).toEqual({ code: 'P-3' });
      const attached = { database: world.dbId, profile: world.people.anna.profileId, attachedAt: START };
      expect(await row(personal, 'P-3')).toMatchObject({ ...attached, usesCount: 0 });
      await world.clock.set(new Date('2026-03-02T00:00:00.000Z'));
      expect(await attach({ programId: personal, code: 'P-3' })).toEqual({ code: 'P-3' });
      expect(await row(personal, 'P-3')).toMatchObject({ ...attached, updatedAt: START });
    });

    it('refuses a code attached to someone else, a used or expired one (16) and universal programs (16)', async () => {
      expect(await failure(attach({ programId: personal, code: 'P-3' }, 'boris'))).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code is attached to another profile',
      ]);
      await update({ programId: personal, code: 'P-5', activated: true });
      expect(await failure(attach({ programId: personal, code: 'P-5' }, 'boris'))).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code is already activated',
      ]);
      await update({ programId: personal, code: 'P-6', expire_date: '2026-02-28T00:00:00Z' });
      expect(await failure(attach({ programId: personal, code: 'P-6' }, 'boris'))).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code has expired',
      ]);
      const universal = await world.program({ short_name: 'universal', kind: 'universal' });
      await world.importCodes(universal, ['U-1']);
      for (const code of ['U-1', undefined]) {
        expect(await failure(attach({ programId: universal, code }))).toEqual([
          'PROMO_CODE_INVALID',
          'Codes of a universal program are used without being attached',
        ]);
      }
      expect((await row(universal, 'U-1'))?.profile).toBeNull();
      expect((await row(personal, 'P-3'))?.profile).toBe(world.people.anna.profileId);
    });

    it('attaches the lowest free code when none is named; concurrent calls get different codes; none left is 11', async () => {
      // P-1, P-2 and P-4 are free; P-3 is anna's, P-5 used, P-6 expired
      const names = ['boris', 'carl', 'dora'] as const;
      const given = await Promise.all(names.map((name) => attach({ programId: personal }, name)));
      expect(given.map((answer) => answer.code).sort()).toEqual(['P-1', 'P-2', 'P-4']);
      const rows = await world.rows(personal);
      expect(
        names.map((name) => [...rows.values()].find((code) => code.profile === world.people[name].profileId)?.code),
      ).toEqual(given.map((answer) => answer.code));
      expect(await failure(attach({ programId: personal }, 'erik'))).toEqual([
        'LIMIT_REACHED',
        'The program has no free promo code left',
      ]);
    });

    it('answers 404 for an unknown code, program or database (foreign ones alike), 7 for nobody, 1 for bad matching', async () => {
      const theirs = await world.program({ short_name: 'theirs' }, true);
      await world.importCodes(theirs, ['T-1'], true);
      for (const input of [
        { programId: personal, code: 'NOPE' },
        { programId: theirs, code: 'T-1' },
        { programId: theirs },
        { programId: 999_999 },
        { programId: personal, code: 'P-1', dbId: world.otherDbId },
        { programId: personal, code: 'P-1', dbId: 999_999 },
      ]) {
        expect((await failureOf(attach(input))).code).toBe('NOT_FOUND');
      }
      expect(await failure(attach({ programId: personal, code: 'P-1' }, 'nobody'))).toEqual([
        'PROFILE_NOT_FOUND',
        'No profile matches',
      ]);
      expect(
        await failureOf(
          attach({ programId: personal, code: 'P-1', person: { matching: 'email', email: 'not-an-email' } }),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'email' }] } });
      expect((await row(theirs, 'T-1'))?.profile).toBeNull();
      // existence comes before business rules: nobody to attach a universal code to is 7, not 16
      const universal = await world.program({ short_name: 'universal-nobody', kind: 'universal' });
      expect((await failureOf(attach({ programId: universal }, 'nobody'))).code).toBe('PROFILE_NOT_FOUND');
    });

    it('refuses to attach once the program has ended (16)', async () => {
      const ended = await world.program({ short_name: 'ended', valid_to: '2026-03-10T00:00:00Z' });
      await world.importCodes(ended, ['E-1']);
      await world.clock.set(new Date('2026-03-10T00:00:00.001Z'));
      for (const code of ['E-1', undefined]) {
        expect((await failureOf(attach({ programId: ended, code }))).code).toBe('PROMO_CODE_INVALID');
      }
      expect((await row(ended, 'E-1'))?.profile).toBeNull();
    });
  });

  describe('detach', () => {
    it("frees the profile's unused code; someone else's, a free or a used code is 16", async () => {
      // P-3 is anna's; P-1, P-2, P-4 went to boris, carl and dora
      const borisCode = [...(await world.rows(personal)).values()].find(
        (code) => code.profile === world.people.boris.profileId,
      )?.code as string;
      expect(await failure(detach(personal, borisCode))).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code is not attached to this profile',
      ]);
      expect(await failure(detach(personal, 'P-5'))).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code is not attached to this profile',
      ]);
      await world.clock.set(new Date('2026-03-03T00:00:00.000Z'));
      expect(await detach(personal, 'P-3')).toEqual({ code: 'P-3' });
      expect(await row(personal, 'P-3')).toMatchObject({
        profile: null,
        database: null,
        attachedAt: null,
        updatedAt: new Date('2026-03-03T00:00:00.000Z'),
      });
      // boris uses his code: it stays with him
      await activate(personal, borisCode, 'boris');
      expect(await failure(detach(personal, borisCode, 'boris'))).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code is already activated and stays attached',
      ]);
      expect((await row(personal, borisCode))?.profile).toBe(world.people.boris.profileId);
    });
  });

  describe('activate', () => {
    let program: number;

    beforeAll(async () => {
      program = await world.program({ short_name: 'activated' });
      await world.importCodes(program, ['A-1', 'A-2', 'A-3', 'A-FREE']);
      await world.attach(program, 'A-1', 'anna');
      await world.attach(program, 'A-2', 'anna');
      await world.attach(program, 'A-3', 'boris');
    });

    it("activates an attached personal code (its holder's, or the named person's) and answers it as get does", async () => {
      await world.clock.set(new Date('2026-03-04T10:00:00.000Z'));
      const view = await activate(program, 'A-1');
      expect(view).toEqual({
        code: 'A-1',
        loyalty_id: program,
        created: START.toISOString(),
        is_attached: true,
        attached: START.toISOString(),
        is_activated: true,
        activated: '2026-03-04T10:00:00.000Z',
        is_expired: false,
        expired: null,
        expire_date: null,
        uses: 1,
      });
      expect((await activate(program, 'A-2', 'anna')).is_activated).toBe(true);
      const events = await world.ctx
        .em()
        .find(OutboxEvent, { eventType: 'promocode.activated' }, { filters: false, orderBy: { id: 'asc' } });
      expect(events.slice(-2).map((event) => event.payload)).toEqual([
        {
          loyalty_id: program,
          code: 'A-1',
          uses: 1,
          db_id: world.dbId,
          profile_id: world.people.anna.profileId,
          activated_at: '2026-03-04T10:00:00.000Z',
        },
        expect.objectContaining({ code: 'A-2', profile_id: world.people.anna.profileId }),
      ]);
    });

    it('refuses a used, free or someone else’s code (16), and a person named by half (1)', async () => {
      expect(await failure(activate(program, 'A-1'))).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code is already activated',
      ]);
      expect(await failure(activate(program, 'A-FREE'))).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code is not attached to a profile',
      ]);
      expect(await failure(activate(program, 'A-3', 'anna'))).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code is attached to another profile',
      ]);
      expect(
        await failureOf(
          world.as(() =>
            world.ctx.get(ActivatePromoCode).execute({ programId: program, code: 'A-3', person: email('boris') }),
          ),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'db_id' }] } });
      expect(
        await failureOf(
          world.as(() =>
            world.ctx.get(ActivatePromoCode).execute({ programId: program, code: 'A-3', dbId: world.dbId }),
          ),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'matching' }] } });
      expect(await row(program, 'A-3')).toMatchObject({ usesCount: 0, activatedAt: null });
    });

    it('uses a universal code once, a multi-use one up to its maximum (then 11), only inside the window (16)', async () => {
      const single = await world.program({ short_name: 'single', kind: 'universal' });
      const multi = await world.program({
        short_name: 'multi-use',
        kind: 'universal',
        multi_use: true,
        max_uses_per_code: 2,
        valid_from: '2026-03-02T00:00:00Z',
        valid_to: '2026-03-20T00:00:00Z',
      });
      await world.importCodes(single, ['S-1']);
      await world.importCodes(multi, ['M-1']);
      expect((await activate(single, 'S-1')).uses).toBe(1);
      expect(await failure(activate(single, 'S-1', 'boris'))).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code is already activated',
      ]);
      expect(await failure(activate(multi, 'M-1'))).toEqual([
        'PROMO_CODE_INVALID',
        'The promo code program has not started yet',
      ]);
      await world.clock.set(new Date('2026-03-02T00:00:00.000Z'));
      expect((await activate(multi, 'M-1')).uses).toBe(1);
      await world.clock.set(new Date('2026-03-03T00:00:00.000Z'));
      expect(await activate(multi, 'M-1', 'carl')).toMatchObject({
        uses: 2,
        is_activated: true,
        activated: '2026-03-02T00:00:00.000Z',
      });
      expect(await failure(activate(multi, 'M-1'))).toEqual([
        'LIMIT_REACHED',
        'The promo code was used 2 times, its maximum',
      ]);
      await update({ programId: multi, code: 'M-1', activated: false });
      await world.clock.set(new Date('2026-03-20T00:00:00.001Z'));
      expect(await failure(activate(multi, 'M-1'))).toEqual(['PROMO_CODE_INVALID', 'The promo code has expired']);
      expect(await row(multi, 'M-1')).toMatchObject({ usesCount: 0, activatedAt: null });
    });

    it('answers 404 alike for unknown and foreign codes', async () => {
      const theirs = await world.program({ short_name: 'their-activated', kind: 'universal' }, true);
      await world.importCodes(theirs, ['THEIRS'], true);
      const answers = [];
      for (const [programId, code] of [
        [theirs, 'THEIRS'],
        [program, 'NOPE'],
      ] as const) {
        const error = await failureOf(activate(programId, code));
        answers.push([error.code, error.message]);
      }
      expect(answers).toEqual([
        ['NOT_FOUND', 'Promo code not found'],
        ['NOT_FOUND', 'Promo code not found'],
      ]);
      expect(await row(theirs, 'THEIRS')).toMatchObject({ usesCount: 0 });
    });
  });

  describe('update', () => {
    let program: number;

    beforeAll(async () => {
      program = await world.program({ short_name: 'updated' });
      await world.importCodes(program, ['UP-1']);
    });

    it("sets and clears the expire date (a date alone: the end of that day in the account's zone), audited", async () => {
      await world.clock.set(new Date('2026-03-05T00:00:00.000Z'));
      const view = await update({ programId: program, code: 'UP-1', expire_date: '2026-04-30' });
      expect(view).toMatchObject({ expire_date: '2026-04-30T20:59:59.999Z', is_expired: false });
      const [entry] = await world.audit('promo_code', (await row(program, 'UP-1'))?.id as number);
      expect(entry).toMatchObject({
        account: world.accountId,
        action: 'update',
        before: { code: 'UP-1', expire_date: null },
        after: { code: 'UP-1', expire_date: '2026-04-30T20:59:59.999Z' },
      });
      expect(await row(program, 'UP-1')).toMatchObject({
        expireDate: new Date('2026-04-30T20:59:59.999Z'),
        updatedAt: new Date('2026-03-05T00:00:00.000Z'),
      });
      expect((await update({ programId: program, code: 'UP-1', expire_date: null })).expire_date).toBeNull();
    });

    it('marks a code activated or not; the same state again writes nothing', async () => {
      const id = (await row(program, 'UP-1'))?.id as number;
      const entries = async () => (await world.audit('promo_code', id)).length;
      const before = await entries();
      expect(await update({ programId: program, code: 'UP-1', activated: true })).toMatchObject({
        is_activated: true,
        activated: START.toISOString(),
        uses: 1,
      });
      expect(await update({ programId: program, code: 'UP-1', activated: true })).toMatchObject({ uses: 1 });
      expect(await update({ programId: program, code: 'UP-1', activated: false })).toMatchObject({
        is_activated: false,
        activated: null,
        uses: 0,
      });
      expect(await entries()).toBe(before + 2);
      // an operator's mark is not a use: no event
      expect(await world.ctx.em().count(OutboxEvent, { subjectKey: `promocode:${id}` }, { filters: false })).toBe(0);
    });

    it('needs a field (1); unknown and foreign codes are 404', async () => {
      expect(await failureOf(update({ programId: program, code: 'UP-1' }))).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      expect(await failureOf(update({ programId: program, code: 'UP-1', expire_date: '2026-04-31' }))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ path: 'expire_date' }] },
      });
      // the schema comes before existence: a bad date on an unknown code is 1
      expect(await failureOf(update({ programId: program, code: 'NOPE', expire_date: 'tomorrow' }))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ path: 'expire_date' }] },
      });
      const theirs = await world.program({ short_name: 'their-updated' }, true);
      await world.importCodes(theirs, ['UP-1'], true);
      expect((await failureOf(update({ programId: theirs, code: 'UP-1', activated: true }))).code).toBe('NOT_FOUND');
      expect(await row(theirs, 'UP-1')).toMatchObject({ usesCount: 0 });
    });
  });
});
