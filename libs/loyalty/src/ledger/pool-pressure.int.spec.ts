import { createLoyaltyWorld, LoyaltyWorld } from '../test-support/loyalty-fixture';
import { ImportMembers } from '../use-cases/members/import-members.use-case';
import { AccruePoints } from '../use-cases/points/accrue-points.use-case';

/**
 * With a tiny pool, concurrent operations on a cold configuration cache must not wait for a second
 * connection while holding one: that starves the pool, and the test runs into the acquire timeout.
 */
describe('points operations with a small connection pool (real PostgreSQL)', () => {
  let world: LoyaltyWorld;

  beforeAll(async () => {
    world = await createLoyaltyWorld('pool', 'UTC', { DB_POOL_MAX: '2' });
    await world.currency({ externalId: 'bonus' });
    await world.as(() =>
      world.ctx.get(ImportMembers).execute({
        programId: world.program.id,
        matching: 'email',
        items: Array.from({ length: 8 }, (_, index) => ({ email: `pool${index}@example.com` })),
      }),
    );
    await world.triggerPromotion({ externalId: 'manual', accrual: [{}] }); // changes the configuration: the cache is cold
  });

  afterAll(() => world.close());

  it('answers 8 concurrent accruals on 2 connections', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        world.as(() =>
          world.ctx.get(AccruePoints).execute({
            programId: world.program.id,
            person: { matching: 'email', email: `pool${index}@example.com` },
            promotion: 'manual',
            points_currency_eid: 'bonus',
            amount: '1.00',
            fingerprint: `pool-${index}`,
          }),
        ),
      ),
    );
    expect(answers.map((answer) => answer.balance.active_balance)).toEqual(Array.from({ length: 8 }, () => '1.00'));
  });
});
