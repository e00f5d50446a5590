import { Client } from 'pg';
import { E2eStack, startE2eStack } from '@loyalty/testing';

type Envelope<T> = { error: number; data: T };

const REQUESTS = 24;
const PROFILES_PER_REQUEST = 1_000;
const IN_FLIGHT_AT_SIGNAL = 6;

/**
 * spec/quality.md §3: "API stopped with SIGTERM under load: in-flight requests finish, then it exits".
 * Requests the API had received when the signal came must all answer 200 with their writes kept;
 * requests it never accepted may fail to connect, but none is half-done.
 */
describe('SIGTERM during requests', () => {
  let stack: E2eStack;

  beforeAll(async () => {
    stack = await startE2eStack('sigterm');
  });

  afterAll(() => stack?.stop());

  it('lets every accepted request finish, keeps exactly their writes, and exits with 0', async () => {
    const account = await stack.call<Envelope<{ admin_token: string }>>(
      'admin/accounts/create',
      { name: 'Shop' },
      stack.rootKey,
    );
    const token = account.body.data.admin_token;
    const database = await stack.call<Envelope<{ db_id: number }>>('databases/create', { name: 'Customers' }, token);
    const dbId = database.body.data.db_id;

    const imports = Array.from({ length: REQUESTS }, (_, request) =>
      stack
        .call<Envelope<{ created: number }>>(
          'profiles/import',
          {
            db_id: dbId,
            matching: 'email',
            data: Array.from({ length: PROFILES_PER_REQUEST }, (_, item) => ({
              email: `p${request}-${item}@example.com`,
            })),
          },
          token,
        )
        .then(
          (answer) => ({
            request,
            status: answer.status,
            created: answer.body.data?.created ?? 0,
            text: answer.text.slice(0, 200),
          }),
          (error: Error) => ({
            request,
            status: 0,
            created: 0,
            text: String((error as { cause?: unknown }).cause ?? error),
          }),
        ),
    );
    const inFlight = await waitUntilInFlight(stack.apiUrl, IN_FLIGHT_AT_SIGNAL);
    const signalledAt = Date.now();
    const exitCode = await stack.signalApi('SIGTERM');
    const exitedAfterMs = Date.now() - signalledAt;
    const answers = await Promise.all(imports);

    expect(exitCode).toBe(0);
    const answered = answers.filter((answer) => answer.status !== 0);
    expect(answered.every((answer) => answer.status === 200 && answer.created === PROFILES_PER_REQUEST)).toBe(true);
    expect(answered.length).toBeGreaterThanOrEqual(inFlight);

    const perRequest = await profilesPerRequest(stack.database.url);
    for (const answer of answers) {
      expect([answer.request, perRequest.get(answer.request) ?? 0]).toEqual([
        answer.request,
        answer.status === 200 ? PROFILES_PER_REQUEST : 0,
      ]);
    }
    console.log(
      `SIGTERM with ${inFlight} requests in flight: exited after ${exitedAfterMs} ms; ${answered.length} of ${REQUESTS} answered 200, ` +
        `${REQUESTS - answered.length} never accepted`,
    );
  });
});

/** Waits until the API has at least `count` requests received and not yet answered; returns how many. */
async function waitUntilInFlight(apiUrl: string, count: number): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const metrics = await (await fetch(`${apiUrl}/metrics`)).text();
    // The scrape itself is one of the requests in flight.
    const inFlight = Number(/^http_requests_in_flight\{[^}]*\} (\d+)/m.exec(metrics)?.[1] ?? 1) - 1;
    if (inFlight >= count) return inFlight;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the API never had ${count} requests in flight`);
}

async function profilesPerRequest(databaseUrl: string): Promise<Map<number, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ request: string; count: string }>(
      `select substring(email from '^p(\\d+)-') as request, count(*) from profiles group by 1`,
    );
    return new Map(rows.map((row) => [Number(row.request), Number(row.count)]));
  } finally {
    await client.end();
  }
}
