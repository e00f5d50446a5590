import { EntityManager } from '@mikro-orm/postgresql';
import { Preorder } from './use-cases/preorder.use-case';
import { createShopWorld, Shop, ShopWorld } from '../test-support/shop-world';

const PREORDERS = 10_000;
jest.setTimeout(300_000);
const IN_FLIGHT = 16;

/** spec quality.md §2: a preorder changes nothing, checked on every table after 10,000 of them. */
const PRODUCTS_AT_100 = { p1: '100.00', p2: '100.00', p3: '100.00', p4: '100.00', p5: '100.00' };

describe('preorder has no side effects (real PostgreSQL)', () => {
  let world: ShopWorld;
  let shop: Shop;

  beforeAll(async () => {
    world = await createShopWorld('preorder-no-side-effects');
    shop = await world.shop('Shop', { products: PRODUCTS_AT_100 });
    await shop.member('ann@example.com', '1000.00');
    await shop.promotion({
      external_id: 'limited',
      discount: { kind: 'percent', value: '10', target: 'order' },
      limits: { per_member: 1, total_uses: 10, budget: '50.00' },
    });
    await shop.promotion({
      type: 'points',
      external_id: 'back',
      accrual: { kind: 'percent', value: '5', points_currency_eid: 'bonus' },
    });
  });

  afterAll(() => world.close());

  /** Every table's rows, as text, in a stable order (row counts and contents, balances included). */
  async function snapshot(): Promise<Record<string, string>> {
    const em = world.ctx.get(EntityManager).fork();
    const tables: Array<{ table_name: string }> = await em.execute(
      `select table_name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations'
        order by table_name`,
    );
    const result: Record<string, string> = {};
    for (const { table_name } of tables) {
      const [row]: Array<{ rows: string }> = await em.execute(
        `select coalesce(string_agg(t::text, '|' order by t::text), '') as rows from "${table_name}" t`,
      );
      result[table_name] = row.rows;
    }
    return result;
  }

  it(`leaves every row of every table as it was after ${PREORDERS} preorders`, async () => {
    const before = await snapshot();
    expect(before['points_accounts']).not.toBe('');
    const carts = [
      shop.cart(
        'a',
        'ann@example.com',
        [
          ['p1', 2],
          ['p2', 1],
        ],
        { points_to_redeem: '100.00' },
      ),
      shop.cart('b', 'ann@example.com', [['p3', 1]], { points_to_redeem: 'max' }),
      shop.cart('c', null, [['p4', 3]]),
      shop.cart('d', 'new-person@example.com', [['p5', 1]], { points_to_redeem: '10.00' }),
    ];
    let next = 0;
    const runner = async () => {
      while (next < PREORDERS) {
        const cart = carts[next++ % carts.length];
        const answer = await shop.as(() => world.ctx.get(Preorder).execute(cart));
        expect(answer.final_total_price).toMatch(/^\d+\.\d\d$/);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, runner));
    expect(await snapshot()).toEqual(before);
  });
});
