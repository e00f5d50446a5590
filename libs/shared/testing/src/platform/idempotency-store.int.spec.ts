import { EntityManager } from '@mikro-orm/postgresql';
import { systemClock } from '@loyalty/kernel';
import {
  AuditEntry,
  CreateAccount,
  IdempotencyRecord,
  IdempotencyStore,
  PLATFORM_ENTITIES,
  recordAudit,
  RenderedResponse,
  renderFailure,
  renderSuccess,
} from '@loyalty/platform';
import { createIntegrationContext, IntegrationContext } from '../integration-context';

describe('IdempotencyStore (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let accountId: number;
  let store: IdempotencyStore;

  beforeAll(async () => {
    ctx = await createIntegrationContext({ label: 'idempotency', entities: PLATFORM_ENTITIES });
    store = ctx.get(IdempotencyStore);
    accountId = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'A' }))).accountId;
  });

  afterAll(() => ctx.close());

  const auditRows = (action: string) => ctx.em().count(AuditEntry, { action }, { filters: false });

  /** Work that writes one audit row (the "effect") and answers with its id after `delayMs`. */
  const effect =
    (action: string, delayMs = 0) =>
    async (): Promise<RenderedResponse> => {
      const em = ctx.get(EntityManager);
      return em.transactional(async (tx) => {
        const row = recordAudit(tx, systemClock, { entityType: 'test', entityId: 1, action });
        await tx.flush();
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return renderSuccess('test/method', { id: row.id });
      });
    };

  const scope = (key: string, fingerprint = 'body-1') => ({
    scope: accountId,
    method: 'test/method',
    key,
    fingerprint,
  });

  it('stores the first answer and replays it byte for byte without running the work again', async () => {
    const first = await ctx.asAccount(accountId, () => store.execute(scope('k1'), effect('k1')));
    const second = await ctx.asAccount(accountId, () => store.execute(scope('k1'), effect('k1')));
    expect(first.replayed).toBe(false);
    expect(second.replayed).toBe(true);
    expect(second.response.body).toBe(first.response.body);
    expect(await auditRows('k1')).toBe(1);
  });

  it('refuses the same key with a different body (error 6) and changes nothing', async () => {
    await ctx.asAccount(accountId, () => store.execute(scope('k2'), effect('k2')));
    await expect(
      ctx.asAccount(accountId, () => store.execute(scope('k2', 'body-2'), effect('k2'))),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_MISMATCH',
    });
    expect(await auditRows('k2')).toBe(1);
  });

  it('makes concurrent duplicates wait for the first and replay its answer: one effect', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => ctx.asAccount(accountId, () => store.execute(scope('k3'), effect('k3', 150)))),
    );
    expect(outcomes.filter((outcome) => !outcome.replayed)).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.response.body)).size).toBe(1);
    expect(await auditRows('k3')).toBe(1);
  });

  it('stores a business failure as an answer, and keeps nothing of a crash so a retry runs again', async () => {
    const failing = async (): Promise<RenderedResponse> =>
      renderFailure({ code: 'NOT_FOUND', message: 'gone', details: {}, internal: false });
    const stored = await ctx.asAccount(accountId, () => store.execute(scope('k4'), failing));
    const replay = await ctx.asAccount(accountId, () => store.execute(scope('k4'), effect('k4')));
    expect(replay.replayed).toBe(true);
    expect(replay.response).toMatchObject({ status: 404, body: stored.response.body });
    expect(await auditRows('k4')).toBe(0);

    const crash = async (): Promise<RenderedResponse> => {
      await effect('k5')();
      throw new Error('process died');
    };
    await expect(ctx.asAccount(accountId, () => store.execute(scope('k5'), crash))).rejects.toThrow('process died');
    expect(await auditRows('k5')).toBe(0);
    const retried = await ctx.asAccount(accountId, () => store.execute(scope('k5'), effect('k5')));
    expect(retried.replayed).toBe(false);
    expect(await auditRows('k5')).toBe(1);
  });

  it('does not store BUSY or rate-limited answers, which invite a retry', async () => {
    const busy = async () => renderFailure({ code: 'BUSY', message: 'busy', details: {}, internal: false });
    await ctx.asAccount(accountId, () => store.execute(scope('k6'), busy));
    const retried = await ctx.asAccount(accountId, () => store.execute(scope('k6'), effect('k6')));
    expect(retried.replayed).toBe(false);
    expect(await ctx.em().count(IdempotencyRecord, { key: 'k6' }, { filters: false })).toBe(1);
  });

  it('keys are per account', async () => {
    const other = (await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'B' }))).accountId;
    await ctx.asAccount(accountId, () => store.execute(scope('shared'), effect('shared-a')));
    const theirs = await ctx.asAccount(other, () =>
      store.execute({ ...scope('shared'), scope: other }, effect('shared-b')),
    );
    expect(theirs.replayed).toBe(false);
    expect(await auditRows('shared-a')).toBe(1);
    expect(await auditRows('shared-b')).toBe(1);
  });
});
