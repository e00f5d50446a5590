import { E2eStack, startE2eStack } from '@loyalty/testing';
import {
  createAccount,
  createDatabase,
  Envelope,
  expectFailure,
  expectSuccess,
  sleep,
  TestAccount,
} from './support/e2e-helpers';

type Task = { task_id: number; status: string; progress: number; items_processed: number; result: unknown };
type CurrencyFigures = Record<string, string | number>;
type Period = {
  period: string;
  start: string;
  end: string;
  new_members: number;
  deleted_members: number;
  currencies: CurrencyFigures[];
  tiers: unknown[];
  promotions: Array<Record<string, unknown>>;
};

/** `loyalty/transactions_export`, `tasks/get`, `tasks/download` and `loyalty/reports/summary` over HTTP. */
describe('reports and exports', () => {
  let stack: E2eStack;
  let shop: TestAccount;
  let other: TestAccount;
  let programId: number;
  const m1 = { matching: 'email', email: 'ann@example.com' };
  const m2 = { matching: 'email', email: 'bob@example.com' };

  const call = <T>(method: string, body: object, token: string) => stack.call<Envelope<T>>(method, body, token);
  const ok = async <T>(method: string, body: object, token = shop.integration): Promise<T> =>
    expectSuccess(await call<T>(method, body, token));
  const setClock = (now: string) =>
    fetch(`${stack.apiUrl}/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now }),
    });
  const points = (method: string, who: object, amount: string, extra: object = {}) =>
    ok(method, {
      loyalty_program_id: programId,
      ...who,
      promotion_id: 'manual',
      points_currency_eid: 'bonus',
      amount,
      ...extra,
    });
  const download = (taskId: number, token: string) =>
    fetch(`${stack.apiUrl}/api/v1.1/tasks/download`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ task_id: taskId }),
    });

  beforeAll(async () => {
    stack = await startE2eStack('reports-exports', { RATE_LIMIT_PER_MINUTE: '1000000' });
    await setClock('2026-03-02T09:00:00.000Z');
    shop = await createAccount(stack, 'Reports shop');
    other = await createAccount(stack, 'Other shop');
    const dbId = await createDatabase(stack, shop.admin, 'Customers');
    programId = (
      await ok<{ loyalty_program_id: number }>(
        'loyalty/programs/create',
        { name: 'Club', external_id: 'club', db_id: dbId, currency: 'RUB', timezone: 'Europe/Berlin' },
        shop.admin,
      )
    ).loyalty_program_id;
    await ok(
      'loyalty/points_currencies/create',
      { loyalty_program_id: programId, name: 'Bonus', external_id: 'bonus', type: 'standard' },
      shop.admin,
    );
    await ok(
      'loyalty/promotions/create',
      {
        loyalty_program_id: programId,
        type: 'trigger',
        name: 'Manual',
        external_id: 'manual',
        is_active: true,
        accrual_rules: [{ points_currency_eid: 'bonus' }],
        redeem_rules: [{ points_currency_eid: 'bonus' }],
      },
      shop.admin,
    );
    await ok('loyalty/register_member', { loyalty_program_id: programId, ...m1 });
    await ok('loyalty/register_member', { loyalty_program_id: programId, ...m2 });
    await points('loyalty/accrue_points', m1, '100.00');
    await points('loyalty/accrue_points', m2, '40.00');
    await setClock('2026-03-10T09:00:00.000Z');
    await points('loyalty/redeem_points', m1, '30.00');
    await points('loyalty/accrue_points', m2, '5.50', { external_data: { note: 'x, "y"' } });
    await setClock('2026-04-01T09:00:00.000Z');
    await points('loyalty/accrue_points', m1, '10.00');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('exports March as CSV: a task that finishes, then a download of exactly its rows', async () => {
    const { task_id: taskId } = await ok<{ task_id: number }>(
      'loyalty/transactions_export',
      { loyalty_program_id: programId, points_currency_eid: 'bonus', date_from: '2026-03-01', date_to: '2026-03-31' },
      shop.read,
    );
    let task: Task = await ok<Task>('tasks/get', { task_id: taskId }, shop.read);
    for (let i = 0; i < 600 && (task.status === 'queued' || task.status === 'running'); i += 1) {
      await sleep(100);
      task = await ok<Task>('tasks/get', { task_id: taskId }, shop.read);
    }
    expect(task).toMatchObject({
      status: 'done',
      progress: 100,
      items_processed: 4,
      result: {
        rows: 4,
        chunks: 1,
        file: { name: `transactions-${taskId}.csv`, content_type: 'text/csv; charset=utf-8' },
      },
    });
    const response = await download(taskId, shop.read);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="transactions-${taskId}.csv"`);
    const lines = (await response.text()).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(
      'transaction_id,transaction_eid,profile_id,created_at,transaction_type,status,amount,balance_before,' +
        'balance_after,promo_iid,promo_eid,description,activation_date,expiration_date,source_type,source_iid,' +
        'source_eid,external_data',
    );
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows.map((row) => [row[3], row[4], row[6]])).toEqual([
      ['2026-03-02T09:00:00.000Z', 'accrual', '100.00'],
      ['2026-03-02T09:00:00.000Z', 'accrual', '40.00'],
      ['2026-03-10T09:00:00.000Z', 'redemption', '-30.00'],
      ['2026-03-10T09:00:00.000Z', 'accrual', '5.50'],
    ]);
    expect(lines[4]).toMatch(
      /^\d+,[^,]+,[0-9a-f]{24},2026-03-10T09:00:00\.000Z,accrual,posted,5\.50,40\.00,45\.50,\d+,manual,,2026-03-10T09:00:00\.000Z,,promotion,\d+,manual,"\{""note"":""x, \\""y\\""""\}"$/,
    );
  });

  it("answers 404 for another account's task, and the root key is refused", async () => {
    const { task_id: taskId } = await ok<{ task_id: number }>(
      'loyalty/transactions_export',
      { loyalty_program_id: programId, points_currency_eid: 'bonus', date_from: '2026-03-01', date_to: '2026-03-31' },
      shop.integration,
    );
    expectFailure(await call('tasks/get', { task_id: taskId }, other.read), 404, 4, 'NOT_FOUND');
    const foreign = await download(taskId, other.read);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: 4, error_code: 'NOT_FOUND' });
    expectFailure(
      await call(
        'loyalty/reports/summary',
        { loyalty_program_id: programId, date_from: '2026-03-01', date_to: '2026-03-31' },
        other.read,
      ),
      404,
      4,
      'NOT_FOUND',
    );
    expectFailure(
      await call(
        'loyalty/reports/summary',
        { loyalty_program_id: programId, date_from: '2026-03-01', date_to: '2026-03-31' },
        stack.rootKey,
      ),
      403,
      3,
      'FORBIDDEN',
    );
  });

  it('summarises March and April by month with exact figures', async () => {
    const answer = await ok<{ timezone: string; periods: Period[] }>(
      'loyalty/reports/summary',
      { loyalty_program_id: programId, date_from: '2026-03-01', date_to: '2026-04-30', group_by: 'month' },
      shop.read,
    );
    expect(answer.timezone).toBe('Europe/Berlin');
    const [march, april] = answer.periods;
    expect([march.period, march.start, march.end]).toEqual([
      '2026-03-01',
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T21:59:59.999Z',
    ]);
    expect([april.period, april.end]).toEqual(['2026-04-01', '2026-04-30T21:59:59.999Z']);
    expect([march.new_members, april.new_members]).toEqual([2, 0]);
    const figures = {
      points_currency_eid: 'bonus',
      initial_balance: '0.00',
      expired: '0.00',
      cancelled: '0.00',
      redemptions_returned: '0.00',
      adjusted: '0.00',
      uncollected: '0.00',
      uncollected_count: 0,
      partner_funded: '0.00',
      partner_funded_share: '0.00',
    };
    expect(march.currencies).toEqual([
      {
        ...figures,
        points_currency_iid: expect.any(Number),
        transactions: 4,
        active_members: 2,
        accrued: '145.50',
        redeemed: '30.00',
        net_change: '115.50',
        outstanding: '115.50',
      },
    ]);
    expect(april.currencies).toEqual([
      {
        ...figures,
        points_currency_iid: expect.any(Number),
        transactions: 1,
        active_members: 1,
        accrued: '10.00',
        redeemed: '0.00',
        net_change: '10.00',
        outstanding: '125.50',
      },
    ]);
    expect(march.promotions).toEqual([
      {
        promotion_id: expect.any(Number),
        promotion_eid: 'manual',
        name: 'Manual',
        type: 'trigger',
        uses: 4,
        transactions: 4,
        points: [{ points_currency_eid: 'bonus', accrued: '145.50', redeemed: '30.00' }],
        orders: 0,
        discount: '0.00',
        revenue: '0.00',
      },
    ]);
  });
});
