import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EntityManager } from '@mikro-orm/postgresql';
import { ActionHook, verifyHookSignature } from '@loyalty/notifications';
import { CreateAccount } from '@loyalty/platform';
import { NodeRegistry } from '../node/node-registry';
import { createScenarioWorld, SCENARIO_SECRET, ScenarioWorld } from '../test-support/scenario-world';
import { ParticipationNode } from './participation.node';
import { WebhookNode } from './webhook.node';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('flow and webhook nodes', () => {
  let world: ScenarioWorld;
  let webhook: WebhookNode;
  let server: Server;
  let base: string;
  let profileId: string;
  const received: Received[] = [];

  beforeAll(async () => {
    world = await createScenarioWorld('nodes-webhook');
    webhook = world.ctx.get(WebhookNode);
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() });
        response.statusCode = request.url === '/broken' ? 500 : 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const joined = await world.run(
      world.ctx.get(ParticipationNode),
      world.context({ person: { matching: 'email', email: 'Anna@Example.com' } }),
      { loyalty_program_id: world.program.id },
    );
    profileId = joined.profileId as string;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await world.close();
  });

  beforeEach(() => {
    received.length = 0;
  });

  it('posts a signed message to a URL with the rendered template, unescaped', async () => {
    const context = world.context({
      nodeId: 'notify',
      profileId,
      event: {
        event_id: 'evt-42',
        event_name: 'signup',
        occurred_at: '2026-11-25T12:00:00.000Z',
        payload: { source: '<app & web>' },
      },
      outputs: { accrue: { transaction_id: 7, amount: '100.00', balance: '1100.00' } },
      effectKey: 'run-9-step-3',
    });
    const template =
      'Hi {{profile.email}}: +{{outputs.accrue.amount}} = {{outputs.accrue.balance}} via {{event.payload.source}}';
    const result = await world.run(webhook, context, { url: `${base}/in`, template });
    expect(result).toEqual({ output: 'sent', data: { status_code: 204 } });
    expect(received).toHaveLength(1);
    const [{ headers, body, path }] = received;
    expect(path).toBe('/in');
    expect(verifyHookSignature(SCENARIO_SECRET, body, headers['x-signature'] as string)).toBe(true);
    const parsed = JSON.parse(body);
    expect(parsed).toEqual({
      event_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      event_type: 'scenario.webhook',
      occurred_at: context.now.toISOString(),
      account_id: world.accountId,
      data: {
        scenario_id: world.scenarioId,
        run_id: context.runId,
        node_id: 'notify',
        event: { event_id: 'evt-42', event_name: 'signup', payload: { source: '<app & web>' } },
        profile_id: profileId,
        outputs: { accrue: { transaction_id: 7, amount: '100.00', balance: '1100.00' } },
        message: 'Hi anna@example.com: +100.00 = 1100.00 via <app & web>',
      },
    });
    expect(headers['x-event-id']).toBe(parsed.event_id);
    expect(headers['content-type']).toBe('application/json');
    expect(Date.parse(headers['x-timestamp'] as string)).not.toBeNaN();

    // Another attempt of the same step sends the same event id; another step, another.
    await world.run(webhook, context, { url: `${base}/in` });
    await world.run(webhook, { ...context, effectKey: 'run-9-step-4' }, { url: `${base}/in` });
    const ids = received.map((request) => JSON.parse(request.body).event_id);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(JSON.parse(received[1].body).data.message).toBeNull();
  });

  it("signs with a hook's secret; a deleted hook or an error status is failed", async () => {
    const hookId = await world.hook(`${base}/hook`, 'whsec_hook_secret');
    expect(await world.run(webhook, world.context({}), { hook_id: hookId, template: '{{profile.email}}!' })).toEqual({
      output: 'sent',
      data: { status_code: 204 },
    });
    expect(
      verifyHookSignature('whsec_hook_secret', received[0].body, received[0].headers['x-signature'] as string),
    ).toBe(true);
    expect(JSON.parse(received[0].body).data).toMatchObject({ profile_id: null, message: '!' });

    const deleted = await world.hook(`${base}/hook`, 'whsec_gone', true);
    expect(await world.run(webhook, world.context({}), { hook_id: deleted })).toEqual({
      output: 'failed',
      data: { status_code: null, error: `hook ${deleted} does not exist` },
    });
    expect(await world.run(webhook, world.context({}), { url: `${base}/broken` })).toEqual({
      output: 'failed',
      data: { status_code: 500, error: 'HTTP 500' },
    });
    expect(received).toHaveLength(2);
  });

  it("never sends through another account's hook", async () => {
    const other = await world.ctx.inRequest(() =>
      world.ctx.get(CreateAccount).execute({ name: 'other', timezone: 'UTC' }),
    );
    const foreignHook = await world.ctx.asAccount(other.accountId, async () => {
      const em = world.ctx.get(EntityManager).fork();
      const hook = em.create(ActionHook, {
        account: other.accountId,
        url: `${base}/foreign`,
        events: ['scenario.node_failed'],
        secret: 'whsec_foreign',
        createdAt: new Date(),
      });
      await em.flush();
      return hook.id;
    });
    expect(await world.run(webhook, world.context({}), { hook_id: foreignHook })).toEqual({
      output: 'failed',
      data: { status_code: null, error: `hook ${foreignHook} does not exist` },
    });
    expect(received).toEqual([]);
  });

  it('answers failed when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await world.run(webhook, world.context({}), { url: `http://127.0.0.1:${port}/` });
    expect(result).toEqual({
      output: 'failed',
      data: { status_code: null, error: expect.stringContaining('ECONNREFUSED') },
    });
  });

  it('waits and evaluates conditions through the registry', async () => {
    const registry = world.ctx.get(NodeRegistry);
    expect(registry.catalogue()).toHaveLength(8);
    const now = new Date('2026-11-25T12:00:00.000Z');
    const wait = registry.require('flow.wait');
    expect(await world.run(wait, world.context({ now }), { seconds: 60 })).toEqual({
      output: 'done',
      data: { wake_at: '2026-11-25T12:01:00.000Z' },
      wakeAt: new Date('2026-11-25T12:01:00.000Z'),
    });
    const condition = registry.require('flow.condition');
    const event = {
      event_id: 'e',
      event_name: 'order.paid',
      occurred_at: now.toISOString(),
      payload: { total: 250.5 },
    };
    const tree = {
      all: [
        { field: 'payload.total', op: 'gte', value: '250.50' },
        { field: 'event_name', op: 'eq', value: 'order.paid' },
      ],
    };
    expect(await world.run(condition, world.context({ event }), { tree })).toEqual({ output: 'true' });
    expect(await world.run(condition, world.context({ event: { ...event, payload: {} } }), { tree })).toEqual({
      output: 'false',
    });
  });
});
