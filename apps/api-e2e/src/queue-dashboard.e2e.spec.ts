import { QUEUE_NAMES } from '@loyalty/contracts';
import { ApiAnswer, E2eStack, readAnswer, startE2eStack } from '@loyalty/testing';
import { createAccount, sleep, TestAccount } from './support/e2e-helpers';

type QueueView = { name: string; jobSchedulerCount: number; counts: Record<string, number>; isPaused: boolean };

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** spec/api.md §12 and quality.md §6: Bull Board under /admin/queues, behind an admin token. */
describe('queue dashboard', () => {
  let stack: E2eStack;
  let account: TestAccount;

  beforeAll(async () => {
    stack = await startE2eStack('queue-dashboard');
    account = await createAccount(stack, 'Queues');
  });

  afterAll(() => stack?.stop());

  const get = async <T = unknown>(path: string, authorization?: string): Promise<ApiAnswer<T>> =>
    readAnswer<T>(await fetch(`${stack.apiUrl}${path}`, { headers: authorization ? { authorization } : {} }));

  it.each([
    ['no credentials', () => undefined],
    ['a wrong password', () => basic('ops', 'lyt_not-a-token')],
    ['a read token', () => basic('ops', account.read)],
    ['an integration token', () => basic('ops', account.integration)],
    ['the root key', () => basic('ops', stack.rootKey)],
    ['an admin token as a bearer, not Basic', () => `Bearer ${account.admin}`],
  ])('answers 401 with WWW-Authenticate: Basic to %s', async (_case, authorization) => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const answer = await get(path, authorization());
      expect([path, answer.status]).toEqual([path, 401]);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Basic realm="queues"/);
      expect(answer.text).not.toContain('maintenance');
    }
  });

  it('serves the board to an admin token (any user name) and lists every queue under the Redis prefix', async () => {
    const page = await get('/admin/queues', basic('anyone', account.admin));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('<base href="/admin/queues/"');
    const script = `/admin/queues/${/<script[^>]+src="(static\/[^"]+\.js)"/.exec(page.text)?.[1]}`;
    expect((await get(script, basic('anyone', account.admin))).status).toBe(200);
    expect((await get(script)).status).toBe(401);

    const queues = () => get<{ queues: QueueView[] }>('/admin/queues/api/queues', basic('', account.admin));
    const api = await queues();
    expect(api.status).toBe(200);
    expect(api.body.queues.map((queue) => queue.name).sort()).toEqual([...QUEUE_NAMES].sort());
    // The worker's hourly purge scheduler (made by its first sweep) lives under the deployment's
    // prefix: the board sees it, so it reads that prefix.
    let maintenance = api.body.queues.find((queue) => queue.name === 'maintenance');
    for (let tries = 0; tries < 50 && maintenance?.jobSchedulerCount !== 1; tries += 1) {
      await sleep(200);
      maintenance = (await queues()).body.queues.find((queue) => queue.name === 'maintenance');
    }
    expect(maintenance?.jobSchedulerCount).toBe(1);
  });

  it('refuses an action without an admin token before the board acts on it', async () => {
    const pause = (authorization?: string) =>
      fetch(`${stack.apiUrl}/admin/queues/api/queues/pause`, {
        method: 'PUT',
        headers: authorization ? { authorization } : {},
      });
    expect((await pause()).status).toBe(401);
    expect((await pause(basic('ops', account.integration))).status).toBe(401);
    const listed = await get<{ queues: QueueView[] }>('/admin/queues/api/queues', basic('', account.admin));
    expect(listed.body.queues.map((queue) => [queue.name, queue.isPaused])).toEqual(
      listed.body.queues.map((queue) => [queue.name, false]),
    );
  });
});
