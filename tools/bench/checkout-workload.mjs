// The checkout workload both checkout benchmarks share (spec/quality.md §1): a catalog of 10,000
// products in 500 categories, a realistic set of checkout promotions in their API shape, one
// partner, and 20-line carts of random products with codes and redemption. Everything is derived
// from a seeded generator, so the pure engine benchmark (price-cart-bench.mjs) and the HTTP one
// (checkout-bench.mjs) price the same promotions over the same kind of carts.

/** A small fast seeded PRNG (mulberry32): the same seed gives the same workload on every run. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (random, count) => Math.floor(random() * count);

export const PRODUCTS = 10_000;
/** 50 top-level categories with 9 sub-categories each: 500 categories. */
export const ROOT_CATEGORIES = 50;
export const SUB_CATEGORIES = 9;
export const CART_LINES = 20;

export const rootCategory = (root) => `cat-${root}`;
export const subCategory = (root, sub) => `cat-${root}-${sub}`;

/** The category tree in the shape `market/products/import` takes (`categories`). */
export function categoryTree() {
  const categories = [];
  for (let root = 0; root < ROOT_CATEGORIES; root += 1) {
    categories.push({ external_id: rootCategory(root), name: `Category ${root}`, parent_external_id: null });
    for (let sub = 0; sub < SUB_CATEGORIES; sub += 1) {
      categories.push({
        external_id: subCategory(root, sub),
        name: `Category ${root}.${sub}`,
        parent_external_id: rootCategory(root),
      });
    }
  }
  return categories;
}

/** Product `index`: its external id, its price in kopecks (100.00 .. 9,999.99) and its one leaf category. */
export function product(index) {
  const priceMinor = 10_000 + ((index * 7_919) % 990_000);
  const root = index % ROOT_CATEGORIES;
  const sub = Math.floor(index / ROOT_CATEGORIES) % SUB_CATEGORIES;
  return { externalId: `p${index}`, priceMinor, category: subCategory(root, sub), root: rootCategory(root) };
}

/** Products `first .. first+count-1` in the shape `market/products/import` takes (`data`). */
export function productImportItems(first, count) {
  return Array.from({ length: count }, (_, offset) => {
    const item = product(first + offset);
    return {
      external_id: item.externalId,
      name: `Product ${first + offset}`,
      price: formatMinor(item.priceMinor),
      currency: 'RUB',
      categories: [item.category],
      is_available: true,
    };
  });
}

export function formatMinor(minor) {
  const value = BigInt(minor);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

const randomRoots = (random, count) => [
  ...new Set(Array.from({ length: count }, () => rootCategory(pick(random, ROOT_CATEGORIES)))),
];
const randomLeaves = (random, count) => [
  ...new Set(
    Array.from({ length: count }, () => subCategory(pick(random, ROOT_CATEGORIES), pick(random, SUB_CATEGORIES))),
  ),
];
const randomProducts = (random, count) => [
  ...new Set(Array.from({ length: count }, () => `p${pick(random, PRODUCTS)}`)),
];

/**
 * `count` checkout promotions in the body shape of `loyalty/promotions/create` (without
 * `loyalty_program_id`). The mix, by id modulo 10: order-level percent discounts behind an order
 * segment or an amount and channel; line percent discounts on categories (including sub-categories);
 * fixed-per-item discounts on product lists; exclusive high-priority category discounts for a tier;
 * percent cashback on categories; tier multipliers; fixed order discounts from 5 items; fixed
 * points per order on weekdays; per-amount points with per-member and budget limits; and every
 * 50th a free-delivery exclusive one. Every 20th is exclusive. Limits never run out in a benchmark
 * (huge per-member and total caps), so a fresh member always gets the same calculation.
 * `totalLimits: false` keeps only the per-member limit on the per-amount promotions (no
 * `total_uses` or `budget`: a commit then locks no promotion row while it works).
 *
 * `orderSegmentId`: the id of an order segment (`endpoint eq website`) the mix may name; null
 * leaves those leaves out. `promoCodeProgramId`: when set, every 20th promotion (kind 8) needs a
 * code of that promo-code program (only the pure benchmark can have one; the HTTP API has no
 * promo-code programs yet).
 */
export function promotionSpecs(
  count,
  { orderSegmentId = null, promoCodeProgramId = null, totalLimits = true, seed = 42 } = {},
) {
  const random = seededRandom(seed);
  const specs = [];
  for (let id = 1; id <= count; id += 1) {
    const base = {
      name: `Promotion ${id}`,
      external_id: `promo-${id}`,
      is_active: true,
      priority: pick(random, 20),
      stacking: id % 20 === 0 ? 'exclusive' : 'combinable',
    };
    let spec;
    if (id % 50 === 9) {
      spec = {
        ...base,
        type: 'discount',
        stacking: 'exclusive',
        priority: 100,
        conditions: { field: 'goods_total', op: 'gte', value: '5000.00' },
        discount: { kind: 'percent', value: '100', target: 'delivery' },
      };
    } else {
      switch (id % 10) {
        case 0:
          spec = {
            ...base,
            type: 'discount',
            conditions: {
              all: [
                orderSegmentId === null
                  ? { field: 'endpoint', op: 'eq', value: 'website' }
                  : { field: 'order_segment', op: 'eq', value: orderSegmentId },
                { field: 'goods_total', op: 'gte', value: `${150_000 + pick(random, 250_000)}.00` },
              ],
            },
            discount: { kind: 'percent', value: String(1 + pick(random, 5)), target: 'order' },
          };
          break;
        case 1:
          spec = {
            ...base,
            type: 'discount',
            conditions: {
              field: 'line.category',
              op: 'in',
              value: [...randomRoots(random, 1), ...randomLeaves(random, 4)],
            },
            discount: { kind: 'percent', value: String(5 + pick(random, 11)), target: 'lines' },
          };
          break;
        case 2:
          spec = {
            ...base,
            type: 'discount',
            conditions: { field: 'line.product', op: 'in', value: randomProducts(random, 30) },
            discount: { kind: 'fixed_per_item', value: `${10 + pick(random, 41)}.00`, target: 'lines' },
          };
          break;
        case 3:
          spec = {
            ...base,
            type: 'discount',
            stacking: 'exclusive',
            priority: 50 + pick(random, 10),
            conditions: {
              all: [
                { field: 'line.category', op: 'in', value: [...randomRoots(random, 1), ...randomLeaves(random, 3)] },
                {
                  any: [
                    { field: 'member.tier', op: 'eq', value: 'gold' },
                    { field: 'items_count', op: 'gte', value: 50 },
                  ],
                },
              ],
            },
            discount: { kind: 'percent', value: '20', target: 'lines' },
          };
          break;
        case 4:
          spec = {
            ...base,
            type: 'points',
            conditions: { field: 'line.category', op: 'in', value: randomLeaves(random, 8) },
            accrual: {
              kind: 'percent',
              value: String(2 + pick(random, 4)),
              base: 'paid',
              points_currency_eid: 'bonus',
            },
          };
          break;
        case 5:
          spec = {
            ...base,
            type: 'points',
            conditions: {
              all: [
                { field: 'line.category', op: 'in', value: randomLeaves(random, 6) },
                { field: 'member.registered_days', op: 'gte', value: 1 },
              ],
            },
            accrual: { kind: 'multiplier', value: '2', base: 'paid', points_currency_eid: 'bonus' },
          };
          break;
        case 6:
          spec = {
            ...base,
            type: 'discount',
            conditions: { field: 'items_count', op: 'gte', value: 40 + pick(random, 30) },
            discount: { kind: 'fixed', value: `${50 + pick(random, 200)}.00`, target: 'order' },
          };
          break;
        case 7:
          spec = {
            ...base,
            type: 'points',
            conditions: {
              all: [
                { field: 'now.weekday', op: 'eq', value: 1 + pick(random, 7) },
                { field: 'goods_total', op: 'gte', value: '1000.00' },
              ],
            },
            accrual: { kind: 'fixed_per_order', value: `${10 + pick(random, 90)}.00`, points_currency_eid: 'bonus' },
          };
          break;
        case 8:
          spec = {
            ...base,
            type: 'discount',
            conditions: {
              all: [
                { field: 'channel', op: 'eq', value: id % 20 === 18 ? 'retail' : 'online' },
                { field: 'line.price', op: 'gte', value: `${2_000 + pick(random, 8_000)}.00` },
                { not: { field: 'line.category', op: 'in', value: randomLeaves(random, 5) } },
              ],
            },
            discount: { kind: 'percent', value: '3', target: 'lines', max_discount: '500.00' },
            ...(promoCodeProgramId !== null && id % 20 === 8 ? { promo_code_program_id: promoCodeProgramId } : {}),
          };
          break;
        default:
          spec = {
            ...base,
            type: 'points',
            conditions: {
              all: [
                { field: 'goods_total', op: 'gte', value: '500.00' },
                { field: 'line.category', op: 'in', value: randomRoots(random, 1) },
              ],
            },
            accrual: {
              kind: 'per_amount',
              value: '1.00',
              per: '100.00',
              base: 'discounted',
              points_currency_eid: 'bonus',
            },
            limits: totalLimits
              ? {
                  per_member: 1_000_000,
                  per_member_period: 'month',
                  total_uses: 2_000_000_000,
                  budget: '1000000000.00',
                }
              : { per_member: 1_000_000, per_member_period: 'month' },
          };
      }
    }
    specs.push(spec);
  }
  return specs;
}

/** One partner in the body shape of `loyalty/partners/create` (without `loyalty_program_id`). */
export function partnerSpec() {
  return {
    name: 'Bench partner',
    external_id: 'bench-partner',
    products: { categories: [rootCategory(7), rootCategory(13)] },
    terms: { cashback_percent: '3', redemption_allowed: true },
  };
}

/** The program settings of the checkout benchmarks (`loyalty/programs/create` fields). */
export const PROGRAM_SETTINGS = {
  currency: 'RUB',
  timezone: 'UTC',
  arbitration: { mode: 'priority' },
  redemption: { enabled: true, max_share_percent: '50' },
};

/**
 * A random 20-line cart in the `data` shape of `preorder`: distinct random products, 1–3 units,
 * half the lines with a price floor, delivery, a promo code on every third cart, and redemption
 * (`redeem`: "max", a number of points as text, or null for none).
 */
export function randomCart(random, { redeem = 'max', endpoint = 'website', codes = true } = {}) {
  const chosen = new Set();
  while (chosen.size < CART_LINES) chosen.add(pick(random, PRODUCTS));
  let goods = 0;
  const lines = [...chosen].map((index, position) => {
    const item = product(index);
    const count = 1 + pick(random, 3);
    goods += item.priceMinor * count;
    return {
      external_id: `line_${position + 1}`,
      product: item.externalId,
      base_price_per_item: formatMinor(item.priceMinor),
      ...(position % 2 === 0 ? { min_price_per_item: formatMinor(Math.floor(item.priceMinor * 0.3)) } : {}),
      count,
    };
  });
  const delivery = 30_000;
  return {
    endpoint,
    currency: 'RUB',
    total_price: formatMinor(goods + delivery),
    delivery_cost: formatMinor(delivery),
    lines,
    ...(codes && random() < 1 / 3 ? { promo_codes: ['SUMMER10'] } : {}),
    ...(redeem === null ? {} : { points_to_redeem: redeem }),
  };
}
