import { Client } from 'pg';
import { E2eStack, findLedgerViolations, HttpReceiver, signatureValid, startE2eStack, waitFor } from '@loyalty/testing';
import {
  createAccount,
  createClubProgram,
  Envelope,
  expectFailure,
  expectSuccess,
  sleep,
  TestAccount,
} from './support/e2e-helpers';

type RunView = {
  run_id: number;
  scenario_id: number;
  status: 'running' | 'waiting' | 'completed' | 'failed';
  profile_id: string | null;
  path: Array<{ step: number; node_id: string; code: string; output: string; data: Record<string, unknown> }>;
};
type Balance = { active_balance: string; total_balance: string };

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe('scenarios over HTTP: the marketing use cases, waits across restarts, kill -9 in a points node', () => {
  let stack: E2eStack;
  let account: TestAccount;
  let programId: number;
  let db: Client;
  const promotions: Record<string, number> = {};
  const receiver = new HttpReceiver();

  const call = <T>(method: string, body: object, token = account.integration) =>
    stack.call<Envelope<T>>(method, body, token);
  const ok = async <T>(method: string, body: object, token = account.integration): Promise<T> =>
    expectSuccess(await call<T>(method, body, token));
  const admin = <T>(method: string, body: object) => ok<T>(method, body, account.admin);
  const balance = (email: string) =>
    ok<Balance>(
      'loyalty/account/balance',
      { loyalty_program_id: programId, matching: 'email', email, points_currency_eid: 'bonus' },
      account.read,
    );
  const run = (runId: number) => ok<RunView>('scenarios/runs/get', { run_id: runId }, account.read);
  const finished = async (runId: number) => {
    let view: RunView | undefined;
    await waitFor(async () => {
      view = await run(runId);
      return view.status === 'completed' || view.status === 'failed';
    });
    return view as RunView;
  };
  const pathOf = (view: RunView) => view.path.map((step) => `${step.node_id}:${step.output}`);

  async function scenario(eventName: string, nodes: object[], edges: object[]): Promise<number> {
    const created = await admin<{ scenario_id: number }>('scenarios/create', {
      name: `On ${eventName}`,
      trigger: { event_name: eventName },
      nodes,
      edges,
    });
    await admin('scenarios/activate', { scenario_id: created.scenario_id });
    return created.scenario_id;
  }

  let eventSeq = 0;
  const fire = async (eventName: string, email: string, payload: object = {}, eventId = `evt-${++eventSeq}`) =>
    (
      await ok<{ runs: Array<{ run_id: number; scenario_id: number }> }>('scenarios/events/fire', {
        event_name: eventName,
        event_id: eventId,
        matching: 'email',
        email,
        payload,
      })
    ).runs;

  const give = (promotion: string, extra: Record<string, unknown> = {}) => ({
    id: 'give',
    code: 'loyalty.points_management',
    args: { loyalty_program_id: programId, promotion_id: promotions[promotion], operation: 'accrue', ...extra },
  });
  /** Participation, then points management whether the person joined now or was a member already. */
  const joinThenGive = (promotion: string, extra: Record<string, unknown> = {}) => ({
    nodes: [
      { id: 'join', code: 'loyalty.participation', args: { loyalty_program_id: programId } },
      give(promotion, extra),
    ],
    edges: [
      { from: 'join', output: 'joined', to: 'give' },
      { from: 'join', output: 'already_member', to: 'give' },
    ],
  });

  beforeAll(async () => {
    stack = await startE2eStack('scenarios', {
      RATE_LIMIT_PER_MINUTE: '1000000',
      OUTBOX_POLL_MS: '100',
      SWEEP_INTERVAL_MS: '1000',
    });
    db = new Client({ connectionString: stack.database.url });
    await db.connect();
    await receiver.start();

    account = await createAccount(stack, 'Scenario shop');
    programId = await createClubProgram(stack, account.admin, { initial_balance: '50.00' });
    const trigger = async (externalId: string, amount: string | null, perMember: boolean) => {
      const created = await admin<{ id: number }>('loyalty/promotions/create', {
        loyalty_program_id: programId,
        type: 'trigger',
        name: externalId,
        external_id: externalId,
        is_active: true,
        ...(perMember ? { limits: { per_member: 1 } } : {}),
        accrual_rules: [{ points_currency_eid: 'bonus', ...(amount ? { static_amount: amount } : {}) }],
      });
      promotions[externalId] = created.id;
    };
    await trigger('form', '100.00', true);
    await trigger('app_install', '200.00', true);
    await trigger('welcome', '25.00', true);
    await trigger('manual', null, false);
    await trigger('nap', '10.00', false);
    promotions['spend'] = (
      await admin<{ id: number }>('loyalty/promotions/create', {
        loyalty_program_id: programId,
        type: 'trigger',
        name: 'Spend',
        external_id: 'spend',
        is_active: true,
        redeem_rules: [{ points_currency_eid: 'bonus' }],
      })
    ).id;
  });

  afterEach(async () => {
    expect(await findLedgerViolations(async (sql) => (await db.query(sql)).rows)).toEqual([]);
  });

  afterAll(async () => {
    await db?.end();
    await receiver.stop();
    await stack?.stop();
  });

  it('form filled: participation then 100 points; filled again as a member: the limit_reached branch, balance unchanged', async () => {
    const graph = joinThenGive('form');
    await scenario('form_filled', graph.nodes, graph.edges);

    const [first] = await fire('form_filled', 'form.person@example.com', { form: 'newsletter' });
    const done = await finished(first.run_id);
    expect([done.status, pathOf(done)]).toEqual(['completed', ['join:joined', 'give:success']]);
    expect(done.path[1].data).toEqual({
      transaction_id: expect.any(Number),
      amount: '100.00',
      balance: '150.00',
    });
    expect((await balance('form.person@example.com')).active_balance).toBe('150.00');

    const [second] = await fire('form_filled', 'form.person@example.com', { form: 'newsletter' });
    const again = await finished(second.run_id);
    expect(pathOf(again)).toEqual(['join:already_member', 'give:limit_reached']);
    expect(again.profile_id).toBe(done.profile_id);
    expect((await balance('form.person@example.com')).active_balance).toBe('150.00');
  });

  it('app installed: 200 points once per member, even when fired twice with different event ids; a replayed event id starts nothing new', async () => {
    const graph = joinThenGive('app_install');
    await scenario('app_installed', graph.nodes, graph.edges);

    const [first] = await fire('app_installed', 'app.user@example.com', {}, 'install-1');
    const [second] = await fire('app_installed', 'app.user@example.com', {}, 'install-2');
    expect(await fire('app_installed', 'app.user@example.com', {}, 'install-1')).toEqual([
      { run_id: first.run_id, scenario_id: first.scenario_id },
    ]);
    const outputs = [await finished(first.run_id), await finished(second.run_id)].map((view) => view.path[1].output);
    expect(outputs.sort()).toEqual(['limit_reached', 'success']);
    expect((await balance('app.user@example.com')).active_balance).toBe('250.00');
    const transactions = await ok<{ items: Array<{ amount: string }> }>(
      'loyalty/account/transactions',
      { loyalty_program_id: programId, matching: 'email', email: 'app.user@example.com', points_currency_eid: 'bonus' },
      account.read,
    );
    expect(transactions.items.map((item) => item.amount).sort()).toEqual(['200.00', '50.00']);
  });

  it('events/fire: a person named badly is error 1 at its path; the same event_id with another body is error 6', async () => {
    const fireBody = {
      event_name: 'form_filled',
      event_id: 'evt-checked',
      matching: 'email',
      email: 'checked@example.com',
    };
    const bad = expectFailure(
      await call('scenarios/events/fire', { ...fireBody, event_id: 'evt-bad', email: 'not an email' }),
      400,
      1,
      'VALIDATION_FAILED',
    );
    expect(bad.details.fields?.map((field) => field.path)).toEqual(['email']);
    const [first] = await ok<{ runs: Array<{ run_id: number }> }>('scenarios/events/fire', fireBody).then(
      (answer) => answer.runs,
    );
    const other = expectFailure(
      await call('scenarios/events/fire', { ...fireBody, payload: { form: 'other' } }),
      422,
      6,
      'IDEMPOTENCY_MISMATCH',
    );
    expect(other.details.fields?.map((field) => field.path)).toEqual(['event_id']);
    expect(pathOf(await finished(first.run_id))).toEqual(['join:joined', 'give:success']);
    const [{ count }] = (
      await db.query("select count(*)::int as count from scenario_events where event_id in ('evt-bad', 'evt-checked')")
    ).rows;
    expect(count).toBe(1);
  });

  it('points expiring within 7 days ≥ 1.00: a signed message with the amount and the date; nothing for members with nothing expiring', async () => {
    const hook = await admin<{ hook_id: number; secret: string }>('hooks/create', {
      url: receiver.route('/notify'),
      events: ['promocode.activated'],
    });
    await scenario(
      'weekly_check',
      [
        {
          id: 'expiring',
          code: 'loyalty.expiring_points_condition',
          args: { loyalty_program_id: programId, points_currency_eid: 'bonus', within_days: 7, min_amount: '1.00' },
        },
        {
          id: 'tell',
          code: 'notify.webhook',
          args: {
            hook_id: hook.hook_id,
            template: '{{outputs.expiring.amount}} points expire on {{outputs.expiring.first_expiry}}',
          },
        },
      ],
      [{ from: 'expiring', output: 'true', to: 'tell' }],
    );
    const soon = isoDay(5);
    const accrue = (email: string, amount: string, expirationDate: string) =>
      ok('loyalty/accrue_points', {
        loyalty_program_id: programId,
        matching: 'email',
        email,
        promotion_id: 'manual',
        points_currency_eid: 'bonus',
        amount,
        expiration_date: expirationDate,
      });
    for (const email of ['expiring@example.com', 'lasting@example.com']) {
      await ok('loyalty/register_member', { loyalty_program_id: programId, matching: 'email', email });
    }
    await accrue('expiring@example.com', '12.50', soon);
    await accrue('lasting@example.com', '30.00', isoDay(30));

    const [expiring] = await fire('weekly_check', 'expiring@example.com');
    const [lasting] = await fire('weekly_check', 'lasting@example.com');
    expect(pathOf(await finished(expiring.run_id))).toEqual(['expiring:true', 'tell:sent']);
    expect(pathOf(await finished(lasting.run_id))).toEqual(['expiring:false']);

    expect(receiver.at('/notify')).toHaveLength(1);
    const [message] = receiver.at('/notify');
    expect(signatureValid(hook.secret, message)).toBe(true);
    const body = JSON.parse(message.body) as { data: { message: string; run_id: number } };
    expect(body.data.run_id).toBe(expiring.run_id);
    expect(body.data.message).toBe(`12.50 points expire on ${soon}T23:59:59.999Z`);
  });

  it('a member registered through the API starts the scenarios listening to member.registered (an engine event)', async () => {
    await scenario('member.registered', [give('welcome')], []);
    const registered = await ok<{ profile_id: string }>('loyalty/register_member', {
      loyalty_program_id: programId,
      matching: 'email',
      email: 'welcome@example.com',
    });
    await waitFor(async () => (await balance('welcome@example.com')).active_balance === '75.00');
    const [{ id }] = (
      await db.query(
        `select r.id from scenario_runs r join scenario_events e on e.id = r.event_id
          where e.event_name = 'member.registered' and r.profile_id = $1`,
        [registered.profile_id],
      )
    ).rows;
    const view = await finished(Number(id));
    expect(pathOf(view)).toEqual(['give:success']);
    await admin('scenarios/deactivate', { scenario_id: view.scenario_id });
  });

  it('a wait of 2 s survives a worker restart in the middle, and the run completes once', async () => {
    await ok('loyalty/register_member', { loyalty_program_id: programId, matching: 'email', email: 'nap@example.com' });
    await scenario(
      'nap_then_give',
      [{ id: 'nap', code: 'flow.wait', args: { seconds: 2 } }, give('nap')],
      [{ from: 'nap', output: 'done', to: 'give' }],
    );
    const [started] = await fire('nap_then_give', 'nap@example.com');
    await waitFor(async () => (await run(started.run_id)).status === 'waiting');
    expect(await stack.signalWorker('SIGKILL')).toBe('SIGKILL');
    await sleep(2_500);
    await stack.restartWorker();

    const done = await finished(started.run_id);
    expect([done.status, pathOf(done)]).toEqual(['completed', ['nap:done', 'give:success']]);
    expect((await balance('nap@example.com')).active_balance).toBe('60.00');
    const { rows } = await db.query(
      "select count(*)::int as count from scenario_run_steps where run_id = $1 and node_id = 'give'",
      [started.run_id],
    );
    expect(rows[0].count).toBe(1);
  });

  it('kill -9 of the worker while runs are in their points-management node: every run pays exactly once', async () => {
    const graph = joinThenGive('manual', { amount: '7.00' });
    await scenario('bulk_bonus', graph.nodes, graph.edges);
    const emails = Array.from({ length: 120 }, (_, index) => `bulk${index}@example.com`);
    const runs = (await Promise.all(emails.map((email) => fire('bulk_bonus', email)))).map(
      ([started]) => started.run_id,
    );

    const statuses = async () =>
      Object.fromEntries(
        (
          await db.query(
            'select status, count(*)::int as count from scenario_runs where id = any($1) group by status',
            [runs],
          )
        ).rows.map((row) => [row.status, row.count]),
      ) as Record<string, number>;
    await waitFor(async () => ((await statuses())['completed'] ?? 0) >= 10, 60_000);
    expect(await stack.signalWorker('SIGKILL')).toBe('SIGKILL');
    expect((await statuses())['completed']).toBeLessThan(runs.length);
    await stack.restartWorker();
    await waitFor(
      async () => ((await statuses())['completed'] ?? 0) + ((await statuses())['failed'] ?? 0) === runs.length,
      90_000,
    ).catch(async (error) => {
      throw new Error(`${(error as Error).message}: ${JSON.stringify(await statuses())}`);
    });
    expect(await statuses()).toEqual({ completed: runs.length });

    const { rows } = await db.query(
      `select count(*)::int as transactions, coalesce(sum(t.amount), 0)::text as total
         from points_transactions t where t.transaction_eid like 'scenario-run-%' and t.transaction_eid similar to $1`,
      [`scenario-run-(${runs.join('|')})-step-%`],
    );
    expect(rows[0]).toEqual({ transactions: runs.length, total: String(700 * runs.length) });
    for (const email of emails.slice(0, 5)) expect((await balance(email)).active_balance).toBe('57.00');
  });

  it('E6 through scenario nodes: 64 clients × 20 redemptions of 7.00 against 1,000.00 — exactly 142 succeed, 6.00 left', async () => {
    const email = 'e6@example.com';
    await ok('loyalty/register_member', { loyalty_program_id: programId, matching: 'email', email });
    await ok('loyalty/accrue_points', {
      loyalty_program_id: programId,
      matching: 'email',
      email,
      promotion_id: 'manual',
      points_currency_eid: 'bonus',
      amount: '950.00',
    });
    expect((await balance(email)).active_balance).toBe('1000.00');
    await scenario('spend_seven', [give('spend', { operation: 'redeem', amount: '7.00' })], []);

    const clients = Array.from({ length: 64 }, async (_, client) => {
      const runs: number[] = [];
      for (let request = 0; request < 20; request += 1) {
        const [started] = await fire('spend_seven', email, {}, `e6-${client}-${request}`);
        runs.push(started.run_id);
      }
      return runs;
    });
    const runs = (await Promise.all(clients)).flat();
    expect(runs).toHaveLength(1_280);
    const outputs = async () =>
      Object.fromEntries(
        (
          await db.query(
            `select s.output, count(*)::int as count from scenario_run_steps s where s.run_id = any($1) group by s.output`,
            [runs],
          )
        ).rows.map((row) => [row.output, row.count]),
      ) as Record<string, number>;
    await waitFor(
      async () => Object.values(await outputs()).reduce((sum, count) => sum + count, 0) === runs.length,
      120_000,
    );
    expect(await outputs()).toEqual({ success: 142, insufficient_points: 1_138 });
    expect(await balance(email)).toMatchObject({ active_balance: '6.00', total_balance: '6.00' });
    const { rows } = await db.query(
      `select a.active::text as active, (select sum(t.amount) from points_transactions t where t.points_account_id = a.id)::text as ledger
         from points_accounts a join members m on m.id = a.member_id join profiles p on p.id = m.profile_id
        where p.email = $1`,
      [email],
    );
    expect(rows).toEqual([{ active: '600', ledger: '600' }]);
  });
});
