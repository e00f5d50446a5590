import { Client } from 'pg';
import { E2eStack, startE2eStack } from '@loyalty/testing';
import { createAccount, createDatabase, Envelope, expectSuccess, sleep, TestAccount } from './support/e2e-helpers';

type TierView = { tiers_group_type: string; tier_eid: string; tier_order: number; reached_at: string };

/**
 * rules.md §7, periodic tiers through the running worker: the sweep queues the review once the
 * (test) clock passes it, the worker writes the change, and account/tiers answers the history.
 */
describe('periodic tier reviews (api and worker)', () => {
  let stack: E2eStack;
  let account: TestAccount;
  let programId: number;
  let groupId: number;
  const ann = { matching: 'email', email: 'ann@example.com' };

  const ok = async <T>(method: string, body: object, token = account.admin): Promise<T> =>
    expectSuccess(await stack.call<Envelope<T>>(method, body, token));
  const setClock = (now: string) =>
    fetch(`${stack.apiUrl}/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now }),
    });
  const query = async (sql: string, params: unknown[] = []) => {
    const client = new Client({ connectionString: stack.database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  const reviewDone = async (reviewAt: string) => {
    for (let tries = 0; tries < 150; tries += 1) {
      const rows = await query(`select status from tier_reviews where group_id = $1 and review_at = $2`, [
        groupId,
        reviewAt,
      ]);
      if (rows[0]?.status === 'done') return true;
      await sleep(100);
    }
    return false;
  };
  const tiers = async () =>
    (
      await ok<TierView[]>('loyalty/account/tiers', { loyalty_program_id: programId, ...ann, tiers_group_id: groupId })
    ).map((tier) => `${tier.tier_eid}@${tier.reached_at}`);

  beforeAll(async () => {
    stack = await startE2eStack('tier-reviews', { SWEEP_INTERVAL_MS: '200' });
    await setClock('2026-01-10T10:00:00.000Z');
    account = await createAccount(stack, 'Tiers');
    const dbId = await createDatabase(stack, account.admin, 'Customers');
    programId = (
      await ok<{ loyalty_program_id: number }>('loyalty/programs/create', {
        name: 'Club',
        external_id: 'club',
        db_id: dbId,
        currency: 'EUR',
        timezone: 'UTC',
      })
    ).loyalty_program_id;
    await ok('loyalty/points_currencies/create', {
      loyalty_program_id: programId,
      name: 'Status points',
      external_id: 'qp',
      type: 'qualification',
    });
    await ok('loyalty/promotions/create', {
      loyalty_program_id: programId,
      type: 'trigger',
      name: 'Manual',
      external_id: 'manual',
      is_active: true,
      accrual_rules: [{ points_currency_eid: 'qp' }],
    });
    groupId = (
      await ok<{ tiers_group_id: number }>('loyalty/tier_groups/create', {
        loyalty_program_id: programId,
        name: 'Monthly',
        tiers_group_type: 'periodic',
        points_currency_eid: 'qp',
        review: { period_months: 1, anchor_date: '2026-01-01' },
        tiers: [
          { tier_eid: 'basic', name: 'Basic', threshold: '0' },
          { tier_eid: 'silver', name: 'Silver', threshold: '100.00' },
        ],
      })
    ).tiers_group_id;
  });

  afterAll(() => stack?.stop());

  it('reviews on the first of each month: up by January, down by an empty February', async () => {
    await ok('loyalty/register_member', { loyalty_program_id: programId, ...ann });
    await setClock('2026-01-20T10:00:00.000Z');
    await ok('loyalty/accrue_points', {
      loyalty_program_id: programId,
      ...ann,
      promotion_id: 'manual',
      points_currency_eid: 'qp',
      amount: '150.00',
    });
    expect(await tiers()).toEqual(['basic@2026-01-10T10:00:00.000Z']);

    await setClock('2026-02-01T00:00:01.000Z');
    expect(await reviewDone('2026-02-01T00:00:00.000Z')).toBe(true);
    expect(await tiers()).toEqual(['basic@2026-01-10T10:00:00.000Z', 'silver@2026-02-01T00:00:00.000Z']);

    await setClock('2026-03-01T00:00:01.000Z');
    expect(await reviewDone('2026-03-01T00:00:00.000Z')).toBe(true);
    expect(await tiers()).toEqual([
      'basic@2026-01-10T10:00:00.000Z',
      'silver@2026-02-01T00:00:00.000Z',
      'basic@2026-03-01T00:00:00.000Z',
    ]);

    const history = await query(
      `select t.tier_eid, h.reached_at from member_tier_history h join tiers t on t.id = h.tier_id
        where h.group_id = $1 order by h.reached_at`,
      [groupId],
    );
    expect(history.map((row) => `${row.tier_eid}@${(row.reached_at as Date).toISOString()}`)).toEqual([
      'basic@2026-01-10T10:00:00.000Z',
      'silver@2026-02-01T00:00:00.000Z',
      'basic@2026-03-01T00:00:00.000Z',
    ]);
    const events = await query(`select payload from outbox_events where event_type = 'tier.changed' order by id`);
    expect(events.map((row) => `${row.payload.tier_eid}@${row.payload.reached_at}`)).toEqual([
      'silver@2026-02-01T00:00:00.000Z',
      'basic@2026-03-01T00:00:00.000Z',
    ]);
  });
});
