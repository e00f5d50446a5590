import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import { EVENT_DATA_SCHEMAS, validateJson } from '@loyalty/contracts';
import { isDomainError } from '@loyalty/kernel';
import {
  APP_CONFIG,
  AppConfig,
  bullConnection,
  bullPrefix,
  CLOCK,
  CreateAccount,
  PLATFORM_ENTITIES,
  SharedTestClock,
} from '@loyalty/platform';
import { createIntegrationContext, IntegrationContext } from '@loyalty/testing';
import { SCENARIO_ENTITIES } from '../entities/index';
import type { ScenarioGraph } from '../graph/scenario-graph';
import { NodeRegistry } from '../node/node-registry';
import type { NodeContext, ScenarioNode } from '../node/scenario-node';
import { AdvanceRun } from './advance-run.use-case';
import { FireScenarioEvent } from './fire-scenario-event.use-case';
import { GetScenarioRun } from './get-scenario-run.use-case';
import { RunScheduler, stepJobId } from './run-scheduler';
import { RunsForSweep } from './runs-for-sweep';
import { ScenarioGraphs } from './scenario-graphs';
import { startRunsFromOutbox } from './start-runs-from-outbox';

const T0 = new Date('2026-03-15T10:00:00.000Z');

/** Fake nodes: their effects are rows in `test_marks`, written through the step's transaction. */
function fakeNodes(orm: () => MikroORM, calls: { outside: number }): ScenarioNode[] {
  const mark = async (context: NodeContext, label: string) => {
    await orm().em.execute('insert into test_marks (run_id, step, label) values (?, ?, ?)', [
      context.runId,
      context.step,
      label,
    ]);
  };
  return [
    {
      code: 'test.mark',
      description: 'Writes a mark and answers args.answer',
      argsSchema: { type: 'object' },
      outputs: ['ok', 'other', 'error'],
      runs: 'in-transaction',
      async execute(context, args) {
        await mark(context, String(args['label'] ?? context.nodeId));
        return { output: String(args['answer'] ?? 'ok'), data: { label: args['label'] ?? null }, profileId: 'p-42' };
      },
    },
    {
      code: 'test.throw',
      description: 'Writes a mark, then throws',
      argsSchema: { type: 'object' },
      outputs: ['ok'],
      runs: 'in-transaction',
      async execute(context) {
        await mark(context, 'thrown');
        throw new Error('the database fell over');
      },
    },
    {
      code: 'test.wait',
      description: 'Sleeps args.seconds',
      argsSchema: { type: 'object' },
      outputs: ['done'],
      runs: 'in-transaction',
      waits: true,
      async execute(context, args) {
        return { output: 'done', wakeAt: new Date(context.now.getTime() + Number(args['seconds']) * 1000) };
      },
    },
    {
      code: 'test.outside',
      description: 'Counts its calls outside the transaction',
      argsSchema: { type: 'object' },
      outputs: ['sent'],
      runs: 'outside-transaction',
      async execute() {
        calls.outside += 1;
        return { output: 'sent', data: { call: calls.outside } };
      },
    },
  ] as ScenarioNode[];
}

describe('scenario runtime: events, steps, waits, failures and the sweep (real PostgreSQL and Redis)', () => {
  let ctx: IntegrationContext;
  let clock: SharedTestClock;
  let accountId: number;
  let otherAccountId: number;
  const calls = { outside: 0 };

  beforeAll(async () => {
    ctx = await createIntegrationContext({
      label: 'scenario-runtime',
      entities: [...PLATFORM_ENTITIES, ...SCENARIO_ENTITIES],
      env: { TEST_CLOCK: 'true', SWEEP_INTERVAL_MS: '1000' },
      providers: [
        {
          provide: NodeRegistry,
          useFactory: () => new NodeRegistry(fakeNodes(() => ctx.get<MikroORM>(MikroORM), calls)),
        },
        RunScheduler,
        ScenarioGraphs,
        FireScenarioEvent,
        AdvanceRun,
        GetScenarioRun,
        RunsForSweep,
      ],
    });
    clock = ctx.get(CLOCK);
    await clock.set(T0);
    accountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Shop' }))).accountId;
    otherAccountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'Other' }))).accountId;
    await ctx.em().execute('create table test_marks (run_id bigint, step int, label text)');
  });

  afterAll(async () => {
    await ctx.close();
  });

  const em = (): EntityManager => ctx.em();
  const as = <T>(fn: () => Promise<T>, account = accountId) => ctx.asAccount(account, fn);
  const advance = (runId: number, step: number) => ctx.get(AdvanceRun).execute(runId, step);
  const marks = async (runId: number) =>
    (await em().execute('select step, label from test_marks where run_id = ? order by step, label', [runId])) as Array<{
      step: number;
      label: string;
    }>;

  let scenarioSeq = 0;
  async function saveScenario(
    graph: ScenarioGraph,
    options: { trigger?: string; active?: boolean; account?: number } = {},
  ) {
    scenarioSeq += 1;
    const trigger = options.trigger ?? `event-${scenarioSeq}`;
    const account = options.account ?? accountId;
    const [row]: Array<{ id: string }> = await em().execute(
      `insert into scenarios (account_id, name, trigger_event, nodes, edges, version, is_active, webhook_secret, created_at, updated_at)
       values (?, ?, ?, ?, ?, 1, ?, 'secret', ?, ?) returning id`,
      [
        account,
        `s${scenarioSeq}`,
        trigger,
        JSON.stringify(graph.nodes),
        JSON.stringify(graph.edges),
        options.active ?? true,
        T0,
        T0,
      ],
    );
    await saveVersion(Number(row.id), 1, graph, account);
    return { scenarioId: Number(row.id), trigger };
  }

  async function saveVersion(scenarioId: number, version: number, graph: ScenarioGraph, account = accountId) {
    await em().execute(
      `insert into scenario_versions (scenario_id, version, account_id, nodes, edges, created_at) values (?, ?, ?, ?, ?, ?)`,
      [scenarioId, version, account, JSON.stringify(graph.nodes), JSON.stringify(graph.edges), T0],
    );
    await em().execute('update scenarios set version = ? where id = ?', [version, scenarioId]);
  }

  let eventSeq = 0;
  const fire = (
    eventName: string,
    options: { eventId?: string; payload?: Record<string, unknown>; account?: number } = {},
  ) =>
    as(
      () =>
        ctx.get(FireScenarioEvent).execute({
          eventName,
          eventId: options.eventId ?? `evt-${++eventSeq}`,
          person: { matching: 'email', email: 'anna@example.com' },
          payload: options.payload ?? {},
          fingerprint: JSON.stringify(options.payload ?? {}),
        }),
      options.account,
    );

  const twoMarks: ScenarioGraph = {
    nodes: [
      { id: 'first', code: 'test.mark', args: { label: 'a' } },
      { id: 'second', code: 'test.mark', args: { label: 'b', answer: 'other' } },
    ],
    edges: [{ from: 'first', output: 'ok', to: 'second' }],
  };

  it('fire starts one run per active scenario listening to the event, and a replay answers the same runs', async () => {
    const { scenarioId, trigger } = await saveScenario(twoMarks);
    const second = await saveScenario(twoMarks, { trigger });
    await saveScenario(twoMarks, { trigger, active: false });
    await saveScenario(twoMarks, { trigger, account: otherAccountId });

    const first = await fire(trigger, { eventId: 'evt-replay' });
    expect(first.runs.map((run) => run.scenarioId)).toEqual([scenarioId, second.scenarioId]);
    const again = await fire(trigger, { eventId: 'evt-replay' });
    expect(again.runs).toEqual(first.runs);
    const rejected = await fire(trigger, { eventId: 'evt-replay', payload: { other: true } }).catch((error) => error);
    expect(isDomainError(rejected) && rejected.code).toBe('IDEMPOTENCY_MISMATCH');
    const [{ count }] = await em().execute(
      "select count(*)::int as count from scenario_runs r join scenario_events e on e.id = r.event_id where e.event_id = 'evt-replay'",
    );
    expect(count).toBe(2);

    const queue = new Queue('scenarios', {
      connection: bullConnection(ctx.get<AppConfig>(APP_CONFIG)),
      prefix: bullPrefix(ctx.get<AppConfig>(APP_CONFIG)),
    });
    expect(await queue.getJob(stepJobId(first.runs[0].runId, 1))).toBeDefined();
    await queue.close();
  });

  it('an event no active scenario listens to starts nothing', async () => {
    expect((await fire('nobody-listens')).runs).toEqual([]);
  });

  it('a run advances one node per step; a repeated step does nothing, so each effect happens once', async () => {
    const { trigger } = await saveScenario(twoMarks);
    const [run] = (await fire(trigger)).runs;

    expect(await advance(run.runId, 1)).toEqual({ kind: 'done', status: 'running', output: 'ok' });
    expect(await advance(run.runId, 1)).toEqual({ kind: 'stale' });
    expect(await advance(run.runId, 2)).toEqual({ kind: 'done', status: 'completed', output: 'other' });
    expect(await advance(run.runId, 2)).toEqual({ kind: 'stale' });
    expect(await advance(run.runId, 3)).toEqual({ kind: 'stale' });

    expect(await marks(run.runId)).toEqual([
      { step: 1, label: 'a' },
      { step: 2, label: 'b' },
    ]);
    const view = await as(() => ctx.get(GetScenarioRun).execute(run.runId));
    expect(view.status).toBe('completed');
    expect(view.profile_id).toBe('p-42');
    expect(view.path.map((step) => [step.step, step.node_id, step.code, step.output])).toEqual([
      [1, 'first', 'test.mark', 'ok'],
      [2, 'second', 'test.mark', 'other'],
    ]);
    expect(view.path[1].data).toEqual({ label: 'b' });
    expect(view.finished_at).toBe(T0.toISOString());
    const foreign = await as(() => ctx.get(GetScenarioRun).execute(run.runId), otherAccountId).catch((error) => error);
    expect(isDomainError(foreign) && foreign.code).toBe('NOT_FOUND');
  });

  it('a node that throws leaves nothing behind; after the last attempt the run fails with a node_failed event', async () => {
    const { trigger } = await saveScenario({ nodes: [{ id: 'boom', code: 'test.throw', args: {} }], edges: [] });
    const [run] = (await fire(trigger)).runs;

    await expect(advance(run.runId, 1)).rejects.toThrow('the database fell over');
    expect(await marks(run.runId)).toEqual([]);
    expect(await ctx.get(AdvanceRun).fail(run.runId, 1, new Error('the database fell over'))).toBe(true);
    expect(await ctx.get(AdvanceRun).fail(run.runId, 1, new Error('again'))).toBe(false);

    const view = await as(() => ctx.get(GetScenarioRun).execute(run.runId));
    expect([view.status, view.error, view.path.length]).toEqual(['failed', 'the database fell over', 0]);
    const events: Array<{ payload: unknown }> = await em().execute(
      "select payload from outbox_events where event_type = 'scenario.node_failed' and (payload->>'run_id')::bigint = ?",
      [run.runId],
    );
    expect(validateJson(EVENT_DATA_SCHEMAS['scenario.node_failed'], events[0]?.payload)).toEqual([]);
    expect(events.map((event) => event.payload)).toEqual([
      {
        scenario_id: view.scenario_id,
        run_id: run.runId,
        node_id: 'boom',
        code: 'test.throw',
        error: 'the database fell over',
      },
    ]);
  });

  it('an error output writes a node_failed event and, with no edge, ends the run', async () => {
    const { trigger } = await saveScenario({
      nodes: [{ id: 'bad', code: 'test.mark', args: { answer: 'error' } }],
      edges: [],
    });
    const [run] = (await fire(trigger)).runs;
    expect(await advance(run.runId, 1)).toEqual({ kind: 'done', status: 'completed', output: 'error' });
    const [{ count }] = await em().execute(
      "select count(*)::int as count from outbox_events where event_type = 'scenario.node_failed' and (payload->>'run_id')::bigint = ?",
      [run.runId],
    );
    expect(count).toBe(1);
  });

  it('a wait parks the run until its instant; an early wake-up does nothing; the sweep restores the wake-up job', async () => {
    const { trigger } = await saveScenario({
      nodes: [
        { id: 'nap', code: 'test.wait', args: { seconds: 60 } },
        { id: 'after', code: 'test.mark', args: { label: 'woke' } },
      ],
      edges: [{ from: 'nap', output: 'done', to: 'after' }],
    });
    const [run] = (await fire(trigger)).runs;
    expect(await advance(run.runId, 1)).toEqual({ kind: 'done', status: 'waiting', output: 'done' });
    const waiting = await as(() => ctx.get(GetScenarioRun).execute(run.runId));
    expect([waiting.status, waiting.wake_at, waiting.next_node]).toEqual([
      'waiting',
      '2026-03-15T10:01:00.000Z',
      'after',
    ]);
    expect(waiting.path[0].finished_at).toBeNull();

    expect(await advance(run.runId, 2)).toEqual({ kind: 'early', wakeAt: new Date('2026-03-15T10:01:00.000Z') });
    expect(await marks(run.runId)).toEqual([]);

    const queue = new Queue('scenarios', {
      connection: bullConnection(ctx.get<AppConfig>(APP_CONFIG)),
      prefix: bullPrefix(ctx.get<AppConfig>(APP_CONFIG)),
    });
    await queue.obliterate({ force: true });
    await clock.set(new Date('2026-03-15T10:00:59.000Z'));
    await ctx.get(RunsForSweep).restore(clock.now());
    const restored = await queue.getJob(stepJobId(run.runId, 2));
    expect(restored?.data).toEqual({ run_id: run.runId, step: 2 });
    expect(await restored?.getState()).toBe('delayed');
    await queue.close();

    await clock.set(new Date('2026-03-15T10:01:00.000Z'));
    expect(await advance(run.runId, 2)).toEqual({ kind: 'done', status: 'completed', output: 'ok' });
    const done = await as(() => ctx.get(GetScenarioRun).execute(run.runId));
    expect(done.path.map((step) => [step.node_id, step.output, step.finished_at])).toEqual([
      ['nap', 'done', '2026-03-15T10:01:00.000Z'],
      ['after', 'ok', '2026-03-15T10:01:00.000Z'],
    ]);
    expect(done.path[0].duration_ms).toBe(60_000);
    await clock.set(T0);
  });

  it('a run follows the version it started with when the scenario is updated or deactivated mid-run', async () => {
    const { scenarioId, trigger } = await saveScenario(twoMarks);
    const [run] = (await fire(trigger)).runs;
    await advance(run.runId, 1);
    await saveVersion(scenarioId, 2, { nodes: [{ id: 'first', code: 'test.mark', args: { label: 'v2' } }], edges: [] });
    await em().execute('update scenarios set is_active = false where id = ?', [scenarioId]);

    expect(await advance(run.runId, 2)).toEqual({ kind: 'done', status: 'completed', output: 'other' });
    expect((await marks(run.runId)).map((mark) => mark.label)).toEqual(['a', 'b']);
    expect((await fire(trigger)).runs).toEqual([]);
  });

  it('an outside node runs before the transaction: a crash before the commit repeats it, the step is recorded once', async () => {
    const { trigger } = await saveScenario({ nodes: [{ id: 'call', code: 'test.outside', args: {} }], edges: [] });
    const [run] = (await fire(trigger)).runs;
    const before = calls.outside;
    await Promise.all([advance(run.runId, 1), advance(run.runId, 1)]);
    const view = await as(() => ctx.get(GetScenarioRun).execute(run.runId));
    expect(view.path).toHaveLength(1);
    expect(calls.outside - before).toBeGreaterThanOrEqual(1);
  });

  it('engine events start runs of listening scenarios, except events marked not to (skip_triggers)', async () => {
    const { trigger } = await saveScenario(twoMarks, { trigger: 'member.registered' });
    const event = (eventId: string, startsScenarios: boolean) => ({
      accountId,
      eventId,
      eventType: trigger,
      payload: { profile_id: 'p-7', loyalty_program_id: 1 },
      occurredAt: T0,
      startsScenarios,
    });
    const started = await em().transactional((tx) =>
      startRunsFromOutbox(
        tx,
        [
          event('00000000-0000-4000-8000-000000000001', true),
          event('00000000-0000-4000-8000-000000000002', false),
          { ...event('00000000-0000-4000-8000-000000000003', true), eventType: 'points.expired' },
        ],
        T0,
      ),
    );
    expect(started).toHaveLength(1);
    const [row] = await em().execute('select person, profile_id from scenario_runs where id = ?', [started[0].runId]);
    expect(row).toEqual({ person: { matching: 'profile_id', profile_id: 'p-7' }, profile_id: 'p-7' });
    const again = await em().transactional((tx) =>
      startRunsFromOutbox(tx, [event('00000000-0000-4000-8000-000000000001', true)], T0),
    );
    expect(again).toEqual([]);
  });
});
