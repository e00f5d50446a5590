import { randomBytes } from 'node:crypto';
import { E2eStack, HttpReceiver, signatureValid, startE2eStack, waitFor } from '@loyalty/testing';
import { Envelope } from './support/e2e-helpers';
import { findLeaks, parseLogLine } from './support/log-audit';
import { TracedCaller } from './support/traced-caller';

const random = (prefix: string) => `${prefix}${randomBytes(24).toString('hex')}`;

/**
 * quality.md §5: "Secrets never appear in logs; logs are structured JSON with a request id." One
 * stack at the most verbose level meets every kind of secret, then every line both processes wrote
 * to stdout and stderr is checked.
 */
describe('secrets never appear in logs', () => {
  const databasePassword = random('pgpw');
  const quoteSecret = random('quote-');
  /** Every secret the processes saw, by a label that names it in a failure. */
  const secrets = new Map<string, string>([
    ['DATABASE_URL password', databasePassword],
    ['QUOTE_SECRET', quoteSecret],
  ]);
  const receiver = new HttpReceiver();
  let stack: E2eStack;
  let api: TracedCaller;

  /** Calls `method` and answers `data`, failing unless it answered 200. */
  async function ok<T>(method: string, body: object, token: string): Promise<T> {
    const answer = await api.call<Envelope<T>>(method, body, token);
    expect({ method, status: answer.status, text: answer.status === 200 ? '' : answer.text }).toEqual({
      method,
      status: 200,
      text: '',
    });
    return answer.body.data;
  }

  async function expectStatus(status: number, answered: Promise<{ status: number; text: string }>): Promise<void> {
    const answer = await answered;
    expect({ status: answer.status, text: answer.text }).toEqual({ status, text: expect.any(String) });
  }

  beforeAll(async () => {
    await receiver.start();
    stack = await startE2eStack(
      'secretlogs',
      { LOG_LEVEL: 'trace', QUOTE_SECRET: quoteSecret },
      { databasePassword: databasePassword },
    );
    secrets.set('ROOT_API_KEY', stack.rootKey);
    api = new TracedCaller(stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver.stop();
  });

  it('serves tokens, hooks, bad requests and a restart, then shuts down', async () => {
    // the root key, in the header and in the body
    const { admin_token: admin } = await ok<{ admin_token: string }>(
      'admin/accounts/create',
      { name: 'Secret keeper' },
      stack.rootKey,
    );
    secrets.set('admin token', admin);
    const other = await api.call<Envelope<{ admin_token: string }>>('admin/accounts/create', {
      name: 'Other',
      token: stack.rootKey,
    });
    expect(other.status).toBe(200);
    secrets.set('admin token given in a body', other.body.data.admin_token);
    await expectStatus(403, api.call('databases/list', {}, stack.rootKey));

    // tokens made through the API, one of them revoked
    const token = async (role: string) =>
      ok<{ token_id: number; token: string }>('admin/tokens/create', { name: role, role }, admin);
    const integration = (await token('integration')).token;
    const read = (await token('read')).token;
    const revoked = await token('read');
    secrets.set('integration token', integration);
    secrets.set('read token', read);
    secrets.set('revoked token', revoked.token);
    await ok('admin/tokens/revoke', { token_id: revoked.token_id }, admin);
    await ok('admin/tokens/list', {}, admin);
    await ok('databases/list', {}, read);
    await expectStatus(401, api.call('databases/list', {}, revoked.token));

    // bad and malformed Authorization headers, and a token in the body
    const unknown = `lyt_${randomBytes(32).toString('base64url')}`;
    const basicPassword = random('basic-');
    const basic = `Basic ${Buffer.from(`admin:${basicPassword}`).toString('base64')}`;
    secrets.set('unknown token', unknown);
    secrets.set('Basic password', basicPassword);
    secrets.set('Basic header', basic);
    secrets.set('mistyped token', `${admin}x`);
    await expectStatus(401, api.call('databases/list', {}, unknown));
    await expectStatus(401, api.call('databases/list', {}, `${admin}x`));
    await expectStatus(401, api.call('databases/list', {}, undefined, { authorization: admin }));
    await expectStatus(401, api.call('databases/list', {}, undefined, { authorization: basic }));
    await expectStatus(401, api.call('databases/list', {}, undefined, { authorization: `bearer ${admin}` }));
    await expectStatus(401, api.call('databases/list', { token: integration }, admin));
    await ok('databases/list', { token: integration }, integration);
    expect((await api.call('databases/list', { token: read })).status).toBe(200);

    // the queue dashboard takes an admin token as a Basic password
    const dashboard = (password: string) => `Basic ${Buffer.from(`ops:${password}`).toString('base64')}`;
    secrets.set('dashboard Basic header', dashboard(admin));
    secrets.set('dashboard Basic header with a read token', dashboard(read));
    expect((await api.get('/admin/queues/api/queues', { authorization: dashboard(admin) })).status).toBe(200);
    expect((await api.get('/admin/queues', { authorization: dashboard(admin) })).status).toBe(200);
    expect((await api.get('/admin/queues/api/queues', { authorization: dashboard(read) })).status).toBe(401);

    // requests that fail validation, with secrets in their bodies
    const rejectedHookSecret = random('whsec_rejected-');
    secrets.set('secret of a rejected hook', rejectedHookSecret);
    await expectStatus(400, api.call('admin/tokens/create', { name: 'x', role: 'superuser', token: admin }, admin));
    await expectStatus(400, api.call('admin/tokens/create', { name: 'x', role: 'read', leaked: read }, admin));
    await expectStatus(
      400,
      api.call(
        'hooks/create',
        { url: 'ftp://shop.example/hook', events: ['points.accrued'], secret: rejectedHookSecret },
        admin,
      ),
    );
    await expectStatus(400, api.call('databases/list', `{"token": "${admin}", `, admin));

    // requests that 404
    await expectStatus(404, api.call('no/such/method', { token: admin }, admin));
    await expectStatus(404, api.call('hooks/test', { hook_id: 999_999_999 }, admin));

    // hooks: a given secret, a generated one, and one whose endpoint fails
    const dbId = (await ok<{ db_id: number }>('databases/create', { name: 'Customers' }, admin)).db_id;
    const programId = (
      await ok<{ loyalty_program_id: number }>(
        'loyalty/programs/create',
        { name: 'Club', external_id: 'club', db_id: dbId, currency: 'RUB', timezone: 'UTC' },
        admin,
      )
    ).loyalty_program_id;
    const hook = async (url: string, secret?: string) =>
      ok<{ hook_id: number; secret: string }>(
        'hooks/create',
        { url, events: ['member.registered'], ...(secret ? { secret } : {}) },
        admin,
      );
    const given = await hook(receiver.route('/given'), random('whsec_given-'));
    const generated = await hook(receiver.route('/generated'));
    // a receiver behind Basic auth, with its password in the hook's URL
    const urlPassword = random('hookpw');
    secrets.set('password in a hook URL', urlPassword);
    const failingUrl = new URL(receiver.route('/failing', () => 500));
    failingUrl.username = 'shop';
    failingUrl.password = urlPassword;
    const failing = await hook(failingUrl.toString(), random('whsec_failing-'));
    secrets.set('given hook secret', given.secret);
    secrets.set('generated hook secret', generated.secret);
    secrets.set('failing hook secret', failing.secret);
    await ok(
      'loyalty/register_member',
      { loyalty_program_id: programId, matching: 'email', email: 'a@example.com' },
      admin,
    );
    for (const { hook_id } of [given, generated, failing]) await ok('hooks/test', { hook_id }, admin);
    await waitFor(() => ['/given', '/generated', '/failing'].every((path) => receiver.at(path).length >= 2));
    // the deliveries really were signed with the secrets this test looks for
    expect(receiver.at('/given').every((received) => signatureValid(given.secret, received))).toBe(true);
    expect(receiver.at('/generated').every((received) => signatureValid(generated.secret, received))).toBe(true);
    await waitFor(() => stack.allLogLines().some(({ line }) => line.includes('hook delivery failed')));
    await ok('hooks/deliveries', { hook_id: failing.hook_id }, admin);
    await ok('hooks/list', {}, admin);

    // a restart of the API: start-up logs with the same configuration
    expect(await stack.signalApi('SIGTERM')).toBe(0);
    await stack.restartApi();
    await ok('admin/tokens/list', {}, admin);
    await expectStatus(401, api.call('databases/list', {}, revoked.token));
    await expectStatus(403, api.call('databases/list', {}, stack.rootKey));

    // shutdown logs belong to the whole test too
    expect(await stack.signalWorker('SIGTERM')).toBe(0);
    expect(await stack.signalApi('SIGTERM')).toBe(0);
  });

  it('no line of either process holds a secret, raw or in base64', () => {
    expect(stack.allLogLines().length).toBeGreaterThan(0);
    expect(findLeaks(stack.allLogLines(), secrets)).toEqual([]);
  });

  it('every line of either process is a JSON object', () => {
    const lines = stack.allLogLines();
    expect(lines.some(({ process }) => process === 'api')).toBe(true);
    expect(lines.some(({ process }) => process === 'worker')).toBe(true);
    const notJson = lines.filter(({ line }) => parseLogLine(line) === null);
    expect(notJson).toEqual([]);
  });

  it('every line the API logged while serving a request carries the request id it answered', () => {
    expect(api.requestCount).toBeGreaterThan(30);
    expect(api.problems).toEqual([]);
  });
});
