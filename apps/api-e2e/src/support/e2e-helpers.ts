import { connect } from 'node:net';
import type { ApiAnswer, E2eStack } from '@loyalty/testing';

/** The success envelope of spec/api.md §1. */
export type Envelope<T> = {
  error: number;
  error_text: string;
  error_code?: string;
  data: T;
  details?: Record<string, unknown>;
};

/** The failure envelope of spec/api.md §1. */
export type Failure = {
  error: number;
  error_text: string;
  error_code: string;
  details: { fields?: { path: string; message: string }[] } & Record<string, unknown>;
};

export type Role = 'admin' | 'integration' | 'read';

export interface TestAccount {
  accountId: number;
  admin: string;
  integration: string;
  read: string;
}

/** The root key creates an account; its admin token creates one integration and one read token. */
export async function createAccount(stack: E2eStack, name: string): Promise<TestAccount> {
  const created = await stack.call<Envelope<{ account_id: number; admin_token: string }>>(
    'admin/accounts/create',
    { name },
    stack.rootKey,
  );
  if (created.status !== 200) throw new Error(`admin/accounts/create answered ${created.status}: ${created.text}`);
  const admin = created.body.data.admin_token;
  return {
    accountId: created.body.data.account_id,
    admin,
    integration: await createToken(stack, admin, 'integration'),
    read: await createToken(stack, admin, 'read'),
  };
}

/** A new token of `role`, created with an admin token. */
export async function createToken(stack: E2eStack, admin: string, role: Role, name = `${role} token`): Promise<string> {
  return (await createTokenWithId(stack, admin, role, name)).token;
}

export async function createTokenWithId(
  stack: E2eStack,
  admin: string,
  role: Role,
  name = `${role} token`,
): Promise<{ token_id: number; token: string }> {
  const created = await stack.call<Envelope<{ token_id: number; token: string }>>(
    'admin/tokens/create',
    { name, role },
    admin,
  );
  if (created.status !== 200) throw new Error(`admin/tokens/create answered ${created.status}: ${created.text}`);
  return created.body.data;
}

export async function createDatabase(stack: E2eStack, admin: string, name: string): Promise<number> {
  const created = await stack.call<Envelope<{ db_id: number }>>('databases/create', { name }, admin);
  if (created.status !== 200) throw new Error(`databases/create answered ${created.status}: ${created.text}`);
  return created.body.data.db_id;
}

export type DatabaseView = { db_id: number; name: string; created_at: string };

export async function listDatabases(
  stack: E2eStack,
  token: string,
): Promise<{ items: DatabaseView[]; next_from_id: number | null; total_count: number }> {
  const listed = await stack.call<
    Envelope<{ items: DatabaseView[]; next_from_id: number | null; total_count: number }>
  >('databases/list', { limit: 100 }, token);
  if (listed.status !== 200) throw new Error(`databases/list answered ${listed.status}: ${listed.text}`);
  return listed.body.data;
}

export type ProfileView = {
  profile_id: string;
  db_id: number;
  email: string | null;
  phone: string | null;
  custom_fields: Record<string, unknown>;
  memberships: unknown[];
  created_at: string;
  updated_at: string;
};

export type ImportResult = { created: number; updated: number; profile_ids: string[] };

/** Asserts a failure answer: its HTTP status and the exact envelope keys, number and code. */
export function expectFailure(answer: ApiAnswer<unknown>, status: number, error: number, errorCode: string): Failure {
  const body = answer.body as Failure;
  expect({ status: answer.status, error: body?.error, error_code: body?.error_code }).toEqual({
    status,
    error,
    error_code: errorCode,
  });
  expect(Object.keys(body).sort()).toEqual(['details', 'error', 'error_code', 'error_text']);
  expect(typeof body.error_text).toBe('string');
  expect(body.error_text.length).toBeGreaterThan(0);
  expect(typeof body.details).toBe('object');
  expect(body.details).not.toBeNull();
  // never a stack trace, a source location or SQL
  expect(answer.text).not.toMatch(/\n\s+at |node_modules|\.[jt]s:\d+|\bstack\b|\bselect\s.+\sfrom\b|\binsert into\b/i);
  return body;
}

/** Asserts a success answer: HTTP 200 (never 201) with `{error: 0, error_text, data}`. */
export function expectSuccess<T>(answer: ApiAnswer<Envelope<T>>): T {
  expect({ status: answer.status, text: answer.status === 200 ? '' : answer.text }).toEqual({ status: 200, text: '' });
  expect(Object.keys(answer.body).sort()).toEqual(['data', 'error', 'error_text']);
  expect(answer.body.error).toBe(0);
  expect(answer.body.error_text).toBe('Successful operation');
  return answer.body.data;
}

/**
 * Calls `method` and returns its payload, failing the test unless it succeeded: `result` for
 * methods under `market/` (HTTP 200, `{error: 0, error_text, result}`), `data` for the others.
 */
export async function callOk<T>(stack: E2eStack, method: string, body: unknown, token: string): Promise<T> {
  const answer = await stack.call<Envelope<T> & { result: T }>(method, body, token);
  if (!method.startsWith('market/')) return expectSuccess(answer);
  expect({ method, status: answer.status, text: answer.status === 200 ? '' : answer.text }).toEqual({
    method,
    status: 200,
    text: '',
  });
  expect(Object.keys(answer.body).sort()).toEqual(['error', 'error_text', 'result']);
  return answer.body.result;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A loyalty program `club` (UTC, RUB) on a new profile database, with the standard points currency
 * `bonus` (its `initial_balance` as given), made by the account's admin; answers the program id.
 */
export async function createClubProgram(
  stack: E2eStack,
  admin: string,
  currency: { initial_balance?: string } = {},
): Promise<number> {
  const dbId = await createDatabase(stack, admin, 'Customers');
  const { loyalty_program_id: programId } = await callOk<{ loyalty_program_id: number }>(
    stack,
    'loyalty/programs/create',
    { name: 'Club', external_id: 'club', db_id: dbId, currency: 'RUB', timezone: 'UTC' },
    admin,
  );
  await callOk(
    stack,
    'loyalty/points_currencies/create',
    { loyalty_program_id: programId, name: 'Bonus', external_id: 'bonus', type: 'standard', ...currency },
    admin,
  );
  return programId;
}

/**
 * POSTs over a bare socket, for bodies the server refuses before reading them all (413). The
 * server answers and closes the connection while the client is still sending; data that arrives
 * after the close makes the server's kernel reset the connection, which can destroy the answer
 * before the client reads it (fetch and node:http then report EPIPE / ECONNRESET). So the body is
 * sent in 64 KB pieces a few milliseconds apart, writing stops as soon as an answer starts, write
 * errors are ignored and the answer is read to its Content-Length. A body given as several chunks
 * is sent with `Transfer-Encoding: chunked`.
 */
export function rawPost<T = unknown>(
  stack: E2eStack,
  method: string,
  body: string | Buffer[],
  token?: string,
  headers: Record<string, string> = {},
): Promise<ApiAnswer<T>> {
  const url = new URL(`/api/v1.1/${method}`, stack.apiUrl);
  const chunked = typeof body !== 'string';
  const allHeaders: Record<string, string> = {
    host: url.host,
    'content-type': 'application/json',
    ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(Buffer.byteLength(body)) }),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    connection: 'close',
    ...headers,
  };
  const head = `POST ${url.pathname} HTTP/1.1\r\n${Object.entries(allHeaders)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
  const PIECE = 64 * 1024;
  const whole = Buffer.from(typeof body === 'string' ? body : '');
  const parts: Buffer[] = chunked
    ? [
        ...body.map((chunk) =>
          Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
        ),
        Buffer.from('0\r\n\r\n'),
      ]
    : Array.from({ length: Math.ceil(whole.length / PIECE) }, (_, i) => whole.subarray(i * PIECE, (i + 1) * PIECE));
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    let done = false;
    const socket = connect(Number(url.port), url.hostname);
    const finish = (answer: ApiAnswer<T> | Error) => {
      if (done) return;
      done = true;
      socket.destroy();
      if (answer instanceof Error) reject(answer);
      else resolve(answer);
    };
    const tryParse = () => {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...headerLines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const responseHeaders = new Headers();
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        responseHeaders.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      const length = Number(responseHeaders.get('content-length'));
      if (!Number.isInteger(length)) return finish(new Error(`answer without Content-Length: ${statusLine}`));
      if (received.length < end + 4 + length) return;
      const text = received.subarray(end + 4, end + 4 + length).toString('utf8');
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
      finish({ status: Number(statusLine.split(' ')[1]), headers: responseHeaders, text, body: parsed as T });
    };
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      tryParse();
    });
    socket.on('close', () =>
      finish(new Error(`connection closed before a full answer: ${received.toString('latin1')}`)),
    );
    // EPIPE / ECONNRESET while writing after the server answered: the answer is what counts
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      socket.write(head);
      const writeNext = (index: number): void => {
        if (done || received.length > 0 || socket.destroyed || index >= parts.length) return;
        socket.write(parts[index], (error) => {
          if (!error) setTimeout(() => writeNext(index + 1), 3);
        });
      };
      writeNext(0);
    });
  });
}
