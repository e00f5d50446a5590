import { E2eStack, startE2eStack } from '@loyalty/testing';
import { callOk, createAccount, createDatabase, expectFailure, TestAccount } from './support/e2e-helpers';

type Calculation = {
  discount_total: string;
  final_total_price: string;
  promo_codes: { code: string; status: string }[];
  rejected_promotions: { external_id: string; reason: string }[];
};

/** Promo codes unlocking checkout promotions (spec rules.md §4, api.md §8), over HTTP only. */
describe('checkout: promo codes', () => {
  let stack: E2eStack;
  let a: TestAccount;
  let programId: number;
  let dbId: number;
  let welcome: number;
  const ann = { matching: 'email', email: 'ann@example.com' };
  const bob = { matching: 'email', email: 'bob@example.com' };

  const call = <T>(method: string, body: unknown, token = a.integration) => stack.call<T>(method, body, token);
  const ok = <T>(method: string, body: unknown, token = a.admin) => callOk<T>(stack, method, body, token);
  const cart = (externalId: string, person: object, codes: string[], extra: Record<string, unknown> = {}) => ({
    external_id: externalId,
    ...person,
    data: {
      endpoint: 'website',
      currency: 'RUB',
      total_price: '100.00',
      lines: [{ external_id: 'l1', product: 'mug', base_price_per_item: '100.00', count: 1 }],
      promo_codes: codes,
      ...extra,
    },
  });

  beforeAll(async () => {
    stack = await startE2eStack('checkout-promo-codes');
    a = await createAccount(stack, 'Codes');
    dbId = await createDatabase(stack, a.admin, 'Customers');
    await ok('market/channels/create', { name: 'Online', external_id: 'online', type: 'online', db_id: dbId });
    await ok('market/endpoints/create', { channel_external_id: 'online', name: 'Site', external_id: 'website' });
    await ok('market/currencies/create', { code: 'RUB' });
    await ok('market/products/import', { data: [{ external_id: 'mug', name: 'Mug', price: '100.00' }] });
    programId = (
      await ok<{ loyalty_program_id: number }>('loyalty/programs/create', {
        name: 'Club',
        external_id: 'club',
        db_id: dbId,
        currency: 'RUB',
        timezone: 'UTC',
      })
    ).loyalty_program_id;
    await ok('loyalty/points_currencies/create', {
      loyalty_program_id: programId,
      name: 'Bonus',
      external_id: 'bonus',
      type: 'standard',
    });
    welcome = (
      await ok<{ loyalty_id: number }>('promocodes/programs/create', {
        name: 'Welcome',
        short_name: 'welcome',
        kind: 'personal',
      })
    ).loyalty_id;
    await ok('promocodes/import', { loyalty_id: welcome, codes: ['ANN-1', 'BOB-1'] }, a.integration);
    for (const [person, code] of [
      [ann, 'ANN-1'],
      [bob, 'BOB-1'],
    ] as const) {
      await ok('loyalty/register_member', { loyalty_program_id: programId, ...person }, a.integration);
      await ok('promocodes/attach', { loyalty_id: welcome, db_id: dbId, code, ...person }, a.integration);
    }
    await ok('loyalty/promotions/create', {
      loyalty_program_id: programId,
      type: 'discount',
      name: 'Welcome 20%',
      external_id: 'welcome20',
      is_active: true,
      promo_code_program_id: welcome,
      discount: { kind: 'percent', value: '20', target: 'order' },
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('a valid code unlocks its promotion; without it the promotion waits for a code', async () => {
    const withCode = await ok<Calculation>('market/orders/preorder', cart('p1', ann, ['ANN-1']), a.integration);
    expect(withCode).toMatchObject({ discount_total: '20.00', final_total_price: '80.00' });
    expect(withCode.promo_codes).toEqual([{ code: 'ANN-1', status: 'applied' }]);
    const without = await ok<Calculation>('market/orders/preorder', cart('p2', ann, []), a.integration);
    expect(without).toMatchObject({ discount_total: '0.00', final_total_price: '100.00' });
    expect(without.rejected_promotions).toEqual([
      expect.objectContaining({ external_id: 'welcome20', reason: 'CODE_MISSING' }),
    ]);
  });

  it("someone else's code and an unknown code look the same: invalid", async () => {
    const probed = await ok<Calculation>('market/orders/preorder', cart('p3', ann, ['BOB-1', 'NOPE-9']), a.integration);
    expect(probed.promo_codes).toEqual([
      { code: 'BOB-1', status: 'invalid' },
      { code: 'NOPE-9', status: 'invalid' },
    ]);
    expect(probed.final_total_price).toBe('100.00');
  });

  it('commit activates the code; a second cart with it finds it used', async () => {
    await ok(
      'market/orders/preorder_commit',
      cart('c1', ann, ['ANN-1'], { final_total_price: '80.00' }),
      a.integration,
    );
    expect(await ok('promocodes/get', { code: 'ANN-1', loyalty_id: welcome }, a.read)).toMatchObject({
      is_activated: true,
    });
    const again = await ok<Calculation>('market/orders/preorder', cart('p4', ann, ['ANN-1']), a.integration);
    expect(again.promo_codes).toEqual([{ code: 'ANN-1', status: 'already_used' }]);
    expect(again.final_total_price).toBe('100.00');
    const stale = expectFailure(
      await call('market/orders/preorder_commit', cart('c2', ann, ['ANN-1'], { final_total_price: '80.00' })),
      409,
      14,
      'PREORDER_STALE',
    );
    expect(stale.details).toMatchObject({ calculation: { final_total_price: '100.00' } });
  });

  it('cancelling the order gives the code back (release_on_cancel is on by default)', async () => {
    await ok(
      'market/orders/import',
      {
        data: {
          external_id: 'c1',
          ...ann,
          endpoint: 'website',
          status: 'canceled',
          currency: 'RUB',
          total_price: '100.00',
        },
      },
      a.integration,
    );
    expect(await ok('promocodes/get', { code: 'ANN-1', loyalty_id: welcome }, a.read)).toMatchObject({
      is_activated: false,
    });
    const again = await ok<Calculation>('market/orders/preorder', cart('p5', ann, ['ANN-1']), a.integration);
    expect(again.promo_codes).toEqual([{ code: 'ANN-1', status: 'applied' }]);
  });
});
