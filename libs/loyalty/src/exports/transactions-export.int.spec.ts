import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse/sync';
import { Points } from '@loyalty/kernel';
import {
  CLOCK,
  CreateAccount,
  DownloadTaskFile,
  JobQueues,
  SharedTestClock,
  Task,
  TaskFiles,
  TaskProgress,
} from '@loyalty/platform';
import { rejectionOf } from '@loyalty/testing';
import { createLoyaltyWorld, LoyaltyWorld } from '../test-support/loyalty-fixture';
import { RegisterMember } from '../use-cases/members/register-member.use-case';
import { AccruePoints } from '../use-cases/points/accrue-points.use-case';
import { AdjustPoints } from '../use-cases/points/adjust-points.use-case';
import { RedeemPoints } from '../use-cases/points/redeem-points.use-case';
import { TRANSACTION_CSV_COLUMNS } from './domain/transactions-csv';
import {
  RunTransactionsExport,
  TRANSACTIONS_EXPORT_STALE_MS,
  TRANSACTIONS_EXPORT_TASK,
} from './use-cases/run-transactions-export.use-case';
import { StartTransactionsExport } from './use-cases/start-transactions-export.use-case';

describe('loyalty/transactions_export and tasks/download (real PostgreSQL)', () => {
  let world: LoyaltyWorld;
  let clock: SharedTestClock;
  let otherAccount: number;
  const person = (n: number) => ({ matching: 'email' as const, email: `x${n}@example.com` });
  const at = (instant: string) => clock.set(new Date(instant));
  const start = (input: object) =>
    world.as(() =>
      new StartTransactionsExport(world.ctx.get(EntityManager), world.ctx.get(JobQueues), clock).execute({
        programId: world.program.id,
        points_currency_eid: 'bonus',
        dateFrom: '2026-05-01',
        dateTo: '2026-05-31',
        ...input,
      }),
    );
  const runner = () => new RunTransactionsExport(world.ctx.get(MikroORM) as MikroORM, clock);
  const fileOf = async (taskId: number) => {
    const parts: Buffer[] = [];
    for await (const part of TaskFiles.parts(world.ctx.em().fork(), taskId)) parts.push(part);
    return { parts, text: Buffer.concat(parts).toString('utf8') };
  };
  const taskRow = (taskId: number) => world.ctx.em().fork().findOneOrFail(Task, { id: taskId }, { filters: false });
  const download = (taskId: number, accountId = world.accountId) =>
    world.ctx.asAccount(accountId, () =>
      new DownloadTaskFile(world.ctx.get(EntityManager), world.ctx.get(MikroORM) as MikroORM).execute(taskId),
    );

  beforeAll(async () => {
    world = await createLoyaltyWorld('exports', 'Europe/Moscow', { TEST_CLOCK: 'true' });
    clock = world.ctx.get(CLOCK);
    otherAccount = (
      await world.ctx.inRequest(() => world.ctx.get(CreateAccount).execute({ name: 'other', timezone: 'UTC' }))
    ).accountId;
    await world.currency({ externalId: 'bonus' });
    await world.currency({ externalId: 'other' });
    await world.triggerPromotion({
      externalId: 'promo',
      accrual: [{ points_currency_eid: 'bonus' }, { points_currency_eid: 'other' }],
      redeem: [{ points_currency_eid: 'bonus' }],
    });
    const op = <T>(fn: () => Promise<T>) => world.as(fn);
    let seq = 0;
    const accrue = (n: number, currency: string, amount: string, extra: object = {}) =>
      op(() =>
        world.ctx.get(AccruePoints).execute({
          programId: world.program.id,
          person: person(n),
          promotion: 'promo',
          points_currency_eid: currency,
          amount,
          fingerprint: `e${(seq += 1)}`,
          ...extra,
        }),
      );
    await at('2026-04-30T20:59:59.999Z'); // 23:59:59.999 on 30 April in Moscow: outside
    for (const n of [1, 2, 3]) {
      await op(() => world.ctx.get(RegisterMember).execute({ programId: world.program.id, person: person(n) }));
    }
    await accrue(1, 'bonus', '1.00');
    await at('2026-04-30T21:00:00.000Z'); // 00:00 on 1 May: inside
    await accrue(1, 'bonus', '2.50', { externalData: { note: 'a,b' } });
    await op(() =>
      world.ctx.get(AdjustPoints).execute({
        programId: world.program.id,
        person: person(2),
        points_currency_eid: 'bonus',
        amount: '4.00',
        reason: 'Birthday, "gift"',
        fingerprint: 'adjust',
      }),
    );
    for (let i = 0; i < 40; i += 1) {
      await at(`2026-05-${String(2 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`);
      await accrue(1 + (i % 3), 'bonus', `${i + 1}.25`);
      await accrue(1 + (i % 3), 'other', '9.00');
    }
    await at('2026-05-20T10:00:00.000Z');
    await op(() =>
      world.ctx.get(RedeemPoints).execute({
        programId: world.program.id,
        person: person(2),
        promotion: 'promo',
        points_currency_eid: 'bonus',
        amount: '3.00',
        fingerprint: 'redeem',
      }),
    );
    await at('2026-05-31T20:59:59.999Z'); // the last millisecond of 31 May: inside
    await accrue(3, 'bonus', '0.01');
    await at('2026-05-31T21:00:00.000Z'); // 1 June: outside
    await accrue(3, 'bonus', '100.00');
  });

  afterAll(() => world.close());

  /** The window's transactions, read here with plain SQL. */
  const expectedRows = async () =>
    world.ctx
      .em()
      .getConnection()
      .execute<Array<{ id: string; amount: string }>>(
        `select t.id, t.amount::text as amount from points_transactions t
         join points_accounts a on a.id = t.points_account_id join points_currencies c on c.id = a.currency_id
        where c.external_id = 'bonus' and t.created_at between '2026-04-30T21:00:00Z' and '2026-05-31T20:59:59.999Z'
        order by t.created_at, t.id`,
      );

  it('writes the window as CSV in parts that reassemble exactly, with progress and rows in the task', async () => {
    const { task_id: taskId } = await start({});
    expect(await taskRow(taskId)).toMatchObject({
      kind: TRANSACTIONS_EXPORT_TASK,
      status: 'queued',
      input: {
        loyalty_program_id: world.program.id,
        points_currency_eid: 'bonus',
        date_from: '2026-04-30T21:00:00.000Z',
        date_to: '2026-05-31T20:59:59.999Z',
        from_id: null,
      },
    });
    await expect(download(taskId)).rejects.toMatchObject({ code: 'TRANSACTION_STATE', details: { status: 'queued' } });
    expect(await runner().execute(taskId, { chunkBytes: 700 })).toBe('done');
    const task = await taskRow(taskId);
    const { parts, text } = await fileOf(taskId);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.slice(0, -1).every((part) => part.length === 700)).toBe(true);
    const records: string[][] = parse(text);
    expect(records[0]).toEqual([...TRANSACTION_CSV_COLUMNS]);
    const expected = await expectedRows();
    expect(records.slice(1).map((record) => record[0])).toEqual(expected.map((row) => row.id));
    const sum = (values: string[]) => Points.format(values.reduce((total, value) => total + Points.parse(value), 0n));
    expect(sum(records.slice(1).map((record) => record[6]))).toBe(
      sum(expected.map((row) => Points.format(BigInt(row.amount)))),
    );
    expect(task).toMatchObject({
      status: 'done',
      progress: 100,
      itemsProcessed: expected.length,
      result: {
        rows: expected.length,
        bytes: Buffer.byteLength(text),
        chunks: parts.length,
        file: { name: `transactions-${taskId}.csv`, content_type: 'text/csv; charset=utf-8' },
      },
    });
    const lines = text.split('\r\n');
    const [first, second] = [records[1], records[2]];
    expect(lines[1]).toBe(
      `${expected[0].id},${first[1]},${first[2]},2026-04-30T21:00:00.000Z,accrual,posted,2.50,1.00,3.50,` +
        `${first[9]},promo,,2026-04-30T21:00:00.000Z,,promotion,${first[9]},promo,"{""note"":""a,b""}"`,
    );
    expect(lines[2]).toBe(
      `${expected[1].id},${second[1]},${second[2]},2026-04-30T21:00:00.000Z,adjustment,posted,4.00,0.00,4.00,` +
        `,,"Birthday, ""gift""",2026-04-30T21:00:00.000Z,,adjustment,,,`,
    );
    expect(second[11]).toBe('Birthday, "gift"');
    expect(records.filter((record) => record[4] === 'redemption').map((record) => record[6])).toEqual(['-3.00']);

    const downloaded = await download(taskId);
    const streamed: Buffer[] = [];
    for await (const part of downloaded.stream) streamed.push(part as Buffer);
    expect(Buffer.concat(streamed).toString('utf8')).toBe(text);
    expect([downloaded.contentType, downloaded.fileName]).toEqual([
      'text/csv; charset=utf-8',
      `transactions-${taskId}.csv`,
    ]);
    await expect(download(taskId, otherAccount)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // a second job for the same task does nothing
    expect(await runner().execute(taskId)).toBe('skipped');
  });

  it('keeps only later ids with from_id', async () => {
    const expected = await expectedRows();
    const fromId = Number(expected[10].id);
    const { task_id: taskId } = await start({ fromId });
    expect(await runner().execute(taskId)).toBe('done');
    const records: string[][] = parse((await fileOf(taskId)).text);
    expect(records.slice(1).map((record) => Number(record[0]))).toEqual(
      expected.map((row) => Number(row.id)).filter((id) => id > fromId),
    );
  });

  it('runs again from nothing after its worker died mid-export: no row twice', async () => {
    const { task_id: reference } = await start({});
    await runner().execute(reference, { chunkBytes: 700 });
    const whole = (await fileOf(reference)).text;

    const { task_id: taskId } = await start({});
    const em = world.ctx.em().fork();
    // a worker claimed it, wrote two parts and died
    expect(await TaskProgress.claim(em, taskId, clock.now())).not.toBeNull();
    const first = (await fileOf(reference)).parts;
    await TaskFiles.append(em, taskId, 0, first[0]);
    await TaskFiles.append(em, taskId, 1, first[1]);
    await TaskProgress.items(em, taskId, 11);
    await at('2026-06-01T10:00:00.000Z');
    const lost = await TaskProgress.needingJobs(
      em,
      TRANSACTIONS_EXPORT_TASK,
      clock.now(),
      TRANSACTIONS_EXPORT_STALE_MS,
    );
    expect(lost).toContain(taskId);
    expect(await taskRow(taskId)).toMatchObject({ status: 'queued', itemsProcessed: 0 });
    expect(await runner().execute(taskId, { chunkBytes: 700 })).toBe('done');
    const text = (await fileOf(taskId)).text;
    expect(text).toBe(whole);
    const ids = (parse(text) as string[][]).slice(1).map((record) => record[0]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses a window that ends before it starts, and an unknown currency', async () => {
    expect(await rejectionOf(start({ dateFrom: '2026-05-02', dateTo: '2026-05-01' }))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await rejectionOf(start({ points_currency_eid: 'nope' }))).toMatchObject({ code: 'UNKNOWN_REFERENCE' });
  });
});
