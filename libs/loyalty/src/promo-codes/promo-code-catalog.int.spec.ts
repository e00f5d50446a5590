import type { Type } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { rejectionOf } from '@loyalty/testing';
import { PromoCode } from '../entities/promo-code.entity';
import { Task } from '@loyalty/platform';
import { PromoCodeProgram } from '../entities/promo-code-program.entity';
import { createPromoCodeWorld, PromoCodeWorld, START } from '../test-support/promo-code-fixture';
import { CODE_DIGITS, CODE_LETTERS, parseCodePattern, RandomInt } from './domain/code-pattern';
import { generateCodes } from './repositories/code-generator';
import { insertCodes, lockProgramCodes } from './repositories/promo-code-lookup';
import { CreatePromoCodeProgram } from './use-cases/create-promo-code-program.use-case';
import { GeneratePromoCodes } from './use-cases/generate-promo-codes.use-case';
import { GetPromoCode } from './use-cases/get-promo-code.use-case';
import { ImportPromoCodes } from './use-cases/import-promo-codes.use-case';
import { ListPromoCodePrograms } from './use-cases/list-promo-code-programs.use-case';
import { ListPromoCodes } from './use-cases/list-promo-codes.use-case';
import { RunPromoCodeGeneration } from './use-cases/run-promo-code-generation.use-case';
import { UpdatePromoCode } from './use-cases/update-promo-code.use-case';

describe('promo-code programs, generation, import, list and get (real PostgreSQL)', () => {
  let world: PromoCodeWorld;
  const failureOf = rejectionOf;
  const get = <T>(type: Type<T>) => world.ctx.get(type);
  const generate = (programId: number, pattern: string, count: number) =>
    world.as(() => get(GeneratePromoCodes).execute(programId, { pattern, count }));
  const codesOf = async (programId: number) => [...(await world.rows(programId)).keys()];

  beforeAll(async () => {
    world = await createPromoCodeWorld('promo-catalog');
  });

  afterAll(() => world?.close());

  describe('programs', () => {
    it("creates programs with defaults, dates in the account's zone and an audit entry; lists them by id", async () => {
      const first = await world.as(() =>
        get(CreatePromoCodeProgram).execute({ name: 'Welcome', short_name: 'welcome', kind: 'personal' }),
      );
      const second = await world.as(() =>
        get(CreatePromoCodeProgram).execute({
          name: 'Spring sale',
          short_name: 'spring',
          kind: 'universal',
          multi_use: true,
          max_uses_per_code: 100,
          valid_from: '2026-03-01',
          valid_to: '2026-05-31T20:59:59.999Z',
        }),
      );
      await world.program({ short_name: 'theirs' }, true);
      const listed = await world.as(() => get(ListPromoCodePrograms).execute({}));
      const view = (id: number, fields: object) => ({
        id,
        created_at: START.toISOString(),
        updated_at: START.toISOString(),
        ...fields,
      });
      expect(listed).toEqual({
        items: [
          view(first.programId, {
            name: 'Welcome',
            short_name: 'welcome',
            kind: 'personal',
            multi_use: false,
            valid_from: null,
            valid_to: null,
            max_uses_per_code: null,
          }),
          view(second.programId, {
            name: 'Spring sale',
            short_name: 'spring',
            kind: 'universal',
            multi_use: true,
            // a date alone is the start of that day in Europe/Moscow
            valid_from: '2026-02-28T21:00:00.000Z',
            valid_to: '2026-05-31T20:59:59.999Z',
            max_uses_per_code: 100,
          }),
        ],
        nextFromId: null,
        totalCount: 2,
      });
      expect(
        (await world.audit('promo_code_program', second.programId)).map((entry) => [
          entry.account,
          entry.action,
          entry.before,
          entry.after,
        ]),
      ).toEqual([[world.accountId, 'create', null, listed.items[1]]]);
      const page = await world.as(() => get(ListPromoCodePrograms).execute({ limit: 1 }));
      expect([page.items.map((item) => item.id), page.nextFromId]).toEqual([[first.programId], first.programId]);
      const rest = await world.as(() => get(ListPromoCodePrograms).execute({ fromId: first.programId, limit: 1 }));
      expect([rest.items.map((item) => item.id), rest.nextFromId]).toEqual([[second.programId], null]);
    });

    it('refuses a taken short name (5) and settings that contradict each other (1); another account may reuse the name', async () => {
      expect(
        await failureOf(
          world.as(() => get(CreatePromoCodeProgram).execute({ name: 'x', short_name: 'welcome', kind: 'universal' })),
        ),
      ).toMatchObject({ code: 'CONFLICT', details: { fields: [{ path: 'short_name' }] } });
      expect(
        await failureOf(
          world.as(() =>
            get(CreatePromoCodeProgram).execute({ name: 'x', short_name: 'x', kind: 'personal', multi_use: true }),
          ),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'multi_use' }] } });
      expect(await world.program({ short_name: 'welcome' }, true)).toBeGreaterThan(0);
      expect(await world.ctx.em().count(PromoCodeProgram, { account: world.accountId }, { filters: false })).toBe(2);
    });
  });

  describe('generate', () => {
    let programId: number;

    beforeAll(async () => {
      programId = await world.program({ short_name: 'generated', kind: 'universal' });
    });

    it('makes count unique codes of the pattern from the alphabet without look-alikes, audited', async () => {
      expect(await generate(programId, 'SALE-####-XXXX', 500)).toEqual({ created: 500, taskId: null });
      const codes = await codesOf(programId);
      expect(codes).toHaveLength(500);
      expect(new Set(codes).size).toBe(500);
      const shape = new RegExp(`^SALE-[${CODE_DIGITS}]{4}-[${CODE_LETTERS}]{4}$`);
      expect(codes.filter((code) => !shape.test(code))).toEqual([]);
      expect(codes.map((code) => code.slice('SALE-'.length)).join('')).not.toMatch(/[01ILO]/);
      const rows = [...(await world.rows(programId)).values()];
      expect(rows.every((row) => row.usesCount === 0 && row.profile === null && row.account === world.accountId)).toBe(
        true,
      );
      expect(
        (await world.audit('promo_code_program', programId)).map((entry) => [entry.action, entry.after]),
      ).toContainEqual(['generate_codes', { pattern: 'SALE-####-XXXX', count: 500, created: 500 }]);
    });

    it('fills a tiny space exactly, then refuses a count the free codes cannot meet (error 1, nothing written)', async () => {
      const tiny = await world.program({ short_name: 'tiny', kind: 'universal' });
      await world.importCodes(tiny, ['T5', 'ZZ']);
      expect(await generate(tiny, 'T#', 4)).toEqual({ created: 4, taskId: null });
      expect(await generate(tiny, 'T#', 3)).toEqual({ created: 3, taskId: null });
      const codes = await codesOf(tiny);
      expect(codes.filter((code) => code.startsWith('T')).sort()).toEqual([...CODE_DIGITS].map((digit) => `T${digit}`));
      const refused = await failureOf(generate(tiny, 'T#', 1));
      expect([refused.code, refused.message]).toEqual([
        'VALIDATION_FAILED',
        'count: the pattern makes 8 codes and 0 of them are free in this program',
      ]);
      expect(await failureOf(generate(tiny, 'Q#', 9))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ path: 'count' }] },
      });
      expect(await codesOf(tiny)).toHaveLength(9);
    });

    it('refuses a bad pattern, a count out of 1..1,000,000 (1) and an unknown or foreign program (404)', async () => {
      for (const [pattern, count, path] of [
        ['NO-PLACEHOLDER', 1, 'pattern'],
        ['HAS SPACE-#', 1, 'pattern'],
        ['##########', 1_000_001, 'count'],
        ['#####', 0, 'count'],
      ] as const) {
        expect(await failureOf(generate(programId, pattern, count))).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: { fields: [{ path }] },
        });
      }
      const theirs = await world.program({ short_name: 'their-generated' }, true);
      for (const id of [theirs, 999_999]) {
        expect(await failureOf(generate(id, '####', 1))).toMatchObject({ code: 'NOT_FOUND' });
      }
      expect(await codesOf(theirs)).toEqual([]);
    });

    it('makes more than 10,000 codes in a worker task: {task_id}, then the task makes them all at once', async () => {
      const big = await world.program({ short_name: 'big', kind: 'universal' });
      const answer = await generate(big, 'BIG-######-X', 10_001);
      expect(answer).toEqual({ created: null, taskId: expect.any(Number) });
      const taskId = answer.taskId as number;
      const task = () => world.ctx.em().findOneOrFail(Task, { id: taskId }, { filters: false });
      expect(await task()).toMatchObject({
        account: world.accountId,
        kind: 'promocodes.generate',
        status: 'queued',
        input: { loyalty_id: big, pattern: 'BIG-######-X', count: 10_001 },
      });
      expect((await world.audit('promo_code_program', big)).map((entry) => [entry.action, entry.after])).toContainEqual(
        ['generate_codes', { pattern: 'BIG-######-X', count: 10_001, task_id: taskId }],
      );
      expect(await codesOf(big)).toEqual([]);

      expect(await get(RunPromoCodeGeneration).execute(taskId)).toBe('done');
      expect(await task()).toMatchObject({ status: 'done', progress: 100, result: { created: 10_001 }, errors: [] });
      const codes = await codesOf(big);
      expect([codes.length, new Set(codes).size]).toEqual([10_001, 10_001]);
      expect(codes.every((code) => /^BIG-[2-9]{6}-[A-HJKMNP-Z]$/.test(code))).toBe(true);
      // a second job for the same task does nothing
      expect(await get(RunPromoCodeGeneration).execute(taskId)).toBe('skipped');
      expect(await codesOf(big)).toHaveLength(10_001);
    });

    it('refuses a task the pattern cannot fill when asked (1, no task), and fails one that lost its room meanwhile', async () => {
      const room = await world.program({ short_name: 'room', kind: 'universal' });
      const tasks = () => world.ctx.em().count(Task, { kind: 'promocodes.generate' }, { filters: false });
      const before = await tasks();
      expect(await failureOf(generate(room, 'R##X', 20_000))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ path: 'count' }] },
      });
      expect(await tasks()).toBe(before);
      // 8^3 × 23 = 11,776 codes: room for 10,001 now, but not after 2,000 more are made
      const { taskId } = await generate(room, 'R###X', 10_001);
      await generate(room, 'R###X', 2_000);
      expect(await get(RunPromoCodeGeneration).execute(taskId as number)).toBe('failed');
      expect(await world.ctx.em().findOneOrFail(Task, { id: taskId as number }, { filters: false })).toMatchObject({
        status: 'failed',
        result: null,
        errors: [
          {
            error_code: 'VALIDATION_FAILED',
            message: 'count: the pattern makes 11776 codes and 9776 of them are free in this program',
          },
        ],
      });
      expect(await codesOf(room)).toHaveLength(2_000);
    });

    it('draws a large space at random: codes the program has are drawn again, repeats skipped', async () => {
      const large = await world.program({ short_name: 'large', kind: 'universal' });
      const pattern = parseCodePattern('######');
      expect(pattern.space).toBe(262_144n);
      // the draws: 222222 and 222223 (both taken), 222222 again (a repeat), then 222224 and 222225
      const script = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3];
      let position = 0;
      const scripted: RandomInt = () => script[position++ % script.length];
      const created = await world.as(() =>
        world.ctx.em().transactional(async (em) => {
          await lockProgramCodes(em, large);
          const target = { accountId: world.accountId, programId: large, now: START };
          await insertCodes(em, target, ['222222', '222223']);
          return generateCodes(em, target, pattern, 2, scripted);
        }),
      );
      expect(created).toEqual(['222224', '222225']);
      expect((await codesOf(large)).sort()).toEqual(['222222', '222223', '222224', '222225']);
      // a source that only repeats itself gives up after its rounds instead of looping forever
      const stuck = await failureOf(
        world.as(() =>
          world.ctx
            .em()
            .transactional((em) =>
              generateCodes(em, { accountId: world.accountId, programId: large, now: START }, pattern, 1, () => 0),
            ),
        ),
      );
      expect([stuck.code, stuck.message]).toEqual(['INTERNAL', 'Could not draw enough free promo codes']);
      // with real randomness the same space fills without trouble
      const more = await world.as(() =>
        world.ctx
          .em()
          .transactional((em) =>
            generateCodes(em, { accountId: world.accountId, programId: large, now: START }, pattern, 1000, randomInt),
          ),
      );
      expect(new Set(more).size).toBe(1000);
      expect(await codesOf(large)).toHaveLength(1004);
    });

    it('refuses a large space the program would fill beyond half (error 1)', async () => {
      const crowded = await world.program({ short_name: 'crowded', kind: 'universal' });
      await generate(crowded, '##', 30);
      // 8^6 = 262,144 codes: half of them is 131,072 and the program's 30 codes count against it
      const refused = await failureOf(
        world.as(() =>
          world.ctx
            .em()
            .transactional((em) =>
              generateCodes(
                em,
                { accountId: world.accountId, programId: crowded, now: START },
                parseCodePattern('######'),
                131_043,
                randomInt,
              ),
            ),
        ),
      );
      expect([refused.code, refused.message]).toEqual([
        'VALIDATION_FAILED',
        "count: the pattern makes 262144 codes; the program's 30 codes and 131043 new ones must fit in half of them",
      ]);
    });
  });

  describe('import', () => {
    let programId: number;

    beforeAll(async () => {
      programId = await world.program({ short_name: 'imported' });
    });

    it('imports codes in the order sent (ids ascending), audited', async () => {
      const codes = ['B-2', 'A-1', 'c-3', 'SALE#1!'];
      expect(await world.as(() => get(ImportPromoCodes).execute(programId, codes))).toEqual({ created: 4 });
      const rows = [...(await world.rows(programId)).values()];
      expect(rows.map((row) => row.code)).toEqual(codes);
      expect(rows[0]).toMatchObject({
        account: world.accountId,
        program: programId,
        usesCount: 0,
        profile: null,
        database: null,
        attachedAt: null,
        activatedAt: null,
        expireDate: null,
        createdAt: START,
      });
      expect((await world.audit('promo_code_program', programId)).map((entry) => [entry.action, entry.after])).toEqual([
        ['create', expect.anything()],
        ['import_codes', { count: 4, created: 4 }],
      ]);
    });

    it('refuses codes the program has or the body repeats (5, naming each), all or nothing', async () => {
      const failure = await failureOf(
        world.as(() => get(ImportPromoCodes).execute(programId, ['NEW-1', 'A-1', 'NEW-2', 'NEW-1', 'c-3'])),
      );
      expect([failure.code, failure.message, failure.details]).toEqual([
        'CONFLICT',
        '3 of the codes are taken or repeated: codes[1], codes[3], codes[4]',
        {
          fields: [
            { path: 'codes[1]', message: 'the program already has "A-1"' },
            { path: 'codes[3]', message: '"NEW-1" is sent twice' },
            { path: 'codes[4]', message: 'the program already has "c-3"' },
          ],
          duplicates: ['A-1', 'NEW-1', 'c-3'],
        },
      ]);
      expect(await codesOf(programId)).toEqual(['B-2', 'A-1', 'c-3', 'SALE#1!']);
      // codes are compared exactly: another case is another code; another program may have the same code
      expect(await world.as(() => get(ImportPromoCodes).execute(programId, ['a-1', 'C-3']))).toEqual({ created: 2 });
      const other = await world.program({ short_name: 'imported-too' });
      expect(await world.as(() => get(ImportPromoCodes).execute(other, ['A-1']))).toEqual({ created: 1 });
    });

    it('takes up to 10,000 codes a call; more, or none, is error 1; an unknown or foreign program is 404', async () => {
      const many = Array.from({ length: 10_000 }, (_value, index) => `BULK-${index}`);
      expect(await world.as(() => get(ImportPromoCodes).execute(programId, many))).toEqual({ created: 10_000 });
      for (const [codes, path] of [
        [[...many, 'ONE-MORE'], 'codes'],
        [[], 'codes'],
        [['FINE', 'NOT FINE'], 'codes[1]'],
        [['x'.repeat(256)], 'codes[0]'],
      ] as const) {
        expect(await failureOf(world.as(() => get(ImportPromoCodes).execute(programId, [...codes])))).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: { fields: [{ path }] },
        });
      }
      const theirs = await world.program({ short_name: 'their-imported' }, true);
      expect(await failureOf(world.as(() => get(ImportPromoCodes).execute(theirs, ['X'])))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await world.ctx.em().count(PromoCode, { program: theirs }, { filters: false })).toBe(0);
    });
  });

  describe('list and get', () => {
    let programId: number;

    beforeAll(async () => {
      programId = await world.program({ short_name: 'listed', valid_to: '2026-03-31T23:59:59.999Z' });
      await world.importCodes(programId, ['L-1', 'L-2', 'L-3']);
      await world.attach(programId, 'L-2', 'anna');
      await world.as(() =>
        get(UpdatePromoCode).execute({
          programId,
          code: 'L-3',
          activated: true,
          expire_date: '2026-03-05T00:00:00.000Z',
        }),
      );
    });

    afterEach(() => world.clock.set(START));

    it('gets a code with the fields Altcraft documents', async () => {
      await world.clock.set(new Date('2026-03-06T00:00:00.000Z'));
      const view = (code: string) => world.as(() => get(GetPromoCode).execute(programId, code));
      const base = {
        loyalty_id: programId,
        created: START.toISOString(),
        is_attached: false,
        attached: null,
        is_activated: false,
        activated: null,
        is_expired: false,
        expired: null,
        expire_date: null,
        uses: 0,
      };
      expect(await view('L-1')).toEqual({ ...base, code: 'L-1' });
      expect(await view('L-2')).toEqual({ ...base, code: 'L-2', is_attached: true, attached: START.toISOString() });
      expect(await view('L-3')).toEqual({
        ...base,
        code: 'L-3',
        is_activated: true,
        activated: START.toISOString(),
        is_expired: true,
        expired: '2026-03-05T00:00:00.000Z',
        expire_date: '2026-03-05T00:00:00.000Z',
        uses: 1,
      });
      // the program's end expires every code
      await world.clock.set(new Date('2026-04-01T00:00:00.000Z'));
      expect(await view('L-1')).toMatchObject({ is_expired: true, expired: '2026-03-31T23:59:59.999Z' });
    });

    it('answers unknown codes, unknown programs and foreign codes with the same 404', async () => {
      const theirs = await world.program({ short_name: 'their-listed' }, true);
      await world.importCodes(theirs, ['THEIR-1'], true);
      const answers = [];
      for (const [id, code] of [
        [programId, 'NOPE'],
        [theirs, 'THEIR-1'],
        [999_999, 'L-1'],
      ] as const) {
        const failure = await failureOf(world.as(() => get(GetPromoCode).execute(id, code)));
        answers.push([failure.code, failure.message, failure.details]);
      }
      expect(answers).toEqual(Array(3).fill(['NOT_FOUND', 'Promo code not found', {}]));
      expect(await world.asOther(() => get(GetPromoCode).execute(theirs, 'THEIR-1'))).toMatchObject({
        code: 'THEIR-1',
      });
    });

    it('lists a program’s codes by id, page by page, with the total', async () => {
      const ids = [...(await world.rows(programId)).values()].map((row) => row.id);
      const first = await world.as(() => get(ListPromoCodes).execute(programId, { limit: 2 }));
      expect(first.items.map((item) => [item.id, item.code])).toEqual([
        [ids[0], 'L-1'],
        [ids[1], 'L-2'],
      ]);
      expect([first.nextFromId, first.totalCount]).toEqual([ids[1], 3]);
      expect(first.items[1]).toMatchObject({ is_attached: true, loyalty_id: programId });
      const second = await world.as(() => get(ListPromoCodes).execute(programId, { fromId: ids[1], limit: 2 }));
      expect([second.items.map((item) => item.code), second.nextFromId, second.totalCount]).toEqual([['L-3'], null, 3]);
      expect(await failureOf(world.asOther(() => get(ListPromoCodes).execute(programId, {})))).toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });
});
