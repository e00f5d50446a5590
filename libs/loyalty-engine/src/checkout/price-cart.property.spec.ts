import fc from 'fast-check';
import { bigintSum, formatDecimal } from '@loyalty/kernel';
import { priceCart } from './price-cart';
import { CartCalculation, PointsByCurrency, PricingInput, PricingPromotion } from './pricing-types';
import {
  CartSpec,
  cart,
  currency,
  discountPromotion,
  LineSpec,
  partner,
  pointsPromotion,
  productsCondition,
  PromotionOptions,
} from './test-support/cart-builder';

/**
 * Invariants of `priceCart` over random carts, promotions, partners and programs. Every split is
 * by largest remainder with ties to the earlier line, so permuting lines may move a cent between
 * lines of an order discount (or a point of a split); the permutation property therefore uses
 * promotions that act line by line, whose results must simply follow their lines.
 */

const PRODUCTS = ['a', 'b', 'c', 'd'];
const text = (minor: bigint) => formatDecimal(minor, 2);
const amount = (max: number) => fc.bigInt({ min: 0n, max: BigInt(max) });

const lineSpec = fc
  .record({
    price: amount(50_000),
    floorShare: fc.integer({ min: 0, max: 100 }),
    count: fc.integer({ min: 1, max: 4 }),
    product: fc.constantFrom(...PRODUCTS),
    known: fc.integer({ min: 0, max: 9 }).map((draw) => draw > 0), // one line in ten unknown to the catalog
  })
  .map(
    ({ price, floorShare, count, product, known }): Omit<LineSpec, 'id'> => ({
      price: text(price),
      floor: text((price * BigInt(floorShare)) / 100n / 2n),
      count,
      product,
      known,
    }),
  );

const options = (lineOnly: boolean) =>
  fc.record({
    priority: fc.integer({ min: 0, max: 3 }),
    stacking: fc.constantFrom<'exclusive' | 'combinable'>('exclusive', 'combinable'),
    conditions: fc.option(
      fc.subarray(PRODUCTS, { minLength: 1 }).map((products) => productsCondition(...products)),
      {
        nil: undefined,
      },
    ),
    limits: lineOnly
      ? fc.constant({})
      : fc
          .option(amount(3_000), { nil: null })
          .map((budgetLeft) => ({ budgetLeft: budgetLeft === null ? null : budgetLeft + 1n })),
  });

const discountBlock = (lineOnly: boolean) =>
  fc
    .oneof(
      fc.record({
        kind: fc.constant('percent'),
        value: fc.integer({ min: 1, max: 10_000 }).map((hundredths) => text(BigInt(hundredths))),
      }),
      fc.record({
        kind: fc.constantFrom('fixed', 'fixed_per_item', 'fixed_price'),
        value: amount(20_000).map((minor) => text(minor + 1n)),
      }),
    )
    .chain((block) =>
      fc.record({
        kind: fc.constant(block.kind),
        value: fc.constant(block.value),
        target: lineOnly ? fc.constant('lines') : fc.constantFrom('lines', 'order', 'delivery'),
        max_discount: lineOnly
          ? fc.constant(undefined)
          : fc.option(
              amount(5_000).map((minor) => text(minor + 1n)),
              { nil: undefined },
            ),
      }),
    );

const accrualBlock = (lineOnly: boolean) =>
  fc
    .record({
      kind: fc.constantFrom(
        ...(lineOnly
          ? ['percent', 'per_amount', 'fixed_per_item', 'multiplier']
          : ['percent', 'per_amount', 'fixed_per_order', 'fixed_per_item', 'multiplier']),
      ),
      value: fc.constantFrom('1.00', '2.50', '3.00'),
      base: fc.constantFrom('paid', 'discounted', 'list'),
      points_currency_eid: fc.constantFrom('bonus', 'qp'),
    })
    .map((block) => ({ ...block, per: block.kind === 'per_amount' ? '1.00' : undefined }));

const promotions = (lineOnly: boolean) =>
  fc
    .array(fc.tuple(fc.boolean(), discountBlock(lineOnly), accrualBlock(lineOnly), options(lineOnly)), { maxLength: 4 })
    .map((specs) =>
      specs.map(
        ([isDiscount, discount, accrual, opts], index): PricingPromotion =>
          isDiscount
            ? discountPromotion(index + 1, discount, opts as PromotionOptions)
            : pointsPromotion(index + 1, accrual, opts as PromotionOptions),
      ),
    );

const cartSpec = (lineOnly: boolean) =>
  fc.record({
    lines: fc.array(lineSpec, { minLength: 1, maxLength: 5 }),
    delivery: amount(5_000).map(text),
    promotions: promotions(lineOnly),
    partnerTerms: fc.option(
      fc.record({
        cashback_percent: fc.constantFrom(undefined, '3.00'),
        points_multiplier: fc.constantFrom(undefined, '2.00'),
        discount_percent: fc.constantFrom(undefined, '5.00'),
        redemption_allowed: fc.boolean(),
      }),
      { nil: null },
    ),
    mode: fc.constantFrom<'priority' | 'best_for_customer'>('priority', 'best_for_customer'),
    maxDiscountPercent: fc.constantFrom(null, '30.00'),
    share: fc.constantFrom('100', '30', '0'),
    step: fc.constantFrom('0.01', '1.00', '100'),
    minRedeem: fc.constantFrom('0.00', '5.00'),
    precision: fc.constantFrom<0 | 2>(0, 2),
    pointValue: fc.constantFrom('0.01', '0.50', '1.00'),
    member: fc.option(amount(5_000_000), { nil: null }),
    redeem: lineOnly ? fc.constant(null) : fc.oneof(fc.constant(null), fc.constant('max'), amount(3_000_000).map(text)),
  });

type Generated = ReturnType<typeof cartSpec> extends fc.Arbitrary<infer T> ? T : never;

function inputOf(
  generated: Generated,
  order: readonly number[] = generated.lines.map((_, index) => index),
): PricingInput {
  const spec: CartSpec = {
    lines: order.map((index) => ({ ...generated.lines[index], id: `line_${index}` }) as LineSpec),
    delivery: generated.delivery,
    promotions: generated.promotions,
    partners: generated.partnerTerms === null ? [] : [partner(1, { products: ['a'] }, generated.partnerTerms)],
    arbitration: { mode: generated.mode, maxDiscountPercent: generated.maxDiscountPercent },
    redemption: { maxSharePercent: generated.share, step: generated.step, minRedeem: generated.minRedeem },
    currencies: [
      currency({ eid: 'bonus', precision: generated.precision, pointValue: generated.pointValue }),
      currency({ eid: 'qp', type: 'qualification', precision: 0, pointValue: '1.00' }),
    ],
    member: generated.member === null ? null : { balances: { bonus: text(generated.member), qp: '0' } },
    redeem: generated.redeem,
  };
  return cart(spec);
}

const sumPoints = (entries: readonly (readonly PointsByCurrency[])[], eid: string) =>
  bigintSum(
    entries.flatMap((points) =>
      points.filter((entry) => entry.points_currency_eid === eid).map((entry) => entry.amount),
    ),
  );

const EIDS = ['bonus', 'qp'];
const RUNS = { numRuns: 300 };

describe('priceCart properties', () => {
  it('final total = total price − discounts − redeemed value, and never negative', () => {
    fc.assert(
      fc.property(cartSpec(false), (generated) => {
        const result = priceCart(inputOf(generated));
        expect(result.finalTotal).toBe(result.totalPrice - result.discountTotal - result.pointsRedeemedValue);
        expect(result.finalTotal).toBeGreaterThanOrEqual(0n);
        expect(result.totalPrice).toBe(result.goodsTotal + result.deliveryCost);
      }),
      RUNS,
    );
  });

  it('no unit pays less than its floor price', () => {
    fc.assert(
      fc.property(cartSpec(false), (generated) => {
        const input = inputOf(generated);
        priceCart(input).lines.forEach((line, index) => {
          const floor = input.lines[index]?.floorPrice ?? 0n;
          line.units.forEach((unit) => expect(unit.paid).toBeGreaterThanOrEqual(floor));
        });
      }),
      RUNS,
    );
  });

  it("units add up to their line's figures and lines to the cart's", () => {
    fc.assert(
      fc.property(cartSpec(false), (generated) => {
        const result = priceCart(inputOf(generated));
        for (const line of result.lines) {
          expect(line.units).toHaveLength(line.count);
          expect(bigintSum(line.units.map((unit) => unit.discount))).toBe(line.discount);
          expect(bigintSum(line.units.map((unit) => unit.redeemedPoints))).toBe(line.redeemedPoints);
          expect(bigintSum(line.units.map((unit) => unit.redeemedValue))).toBe(line.redeemedValue);
          expect(bigintSum(line.units.map((unit) => unit.paid))).toBe(line.finalTotal);
          expect(line.finalTotal).toBe(line.listTotal - line.discount - line.redeemedValue);
          for (const eid of EIDS) {
            expect(
              sumPoints(
                line.units.map((unit) => unit.accrued),
                eid,
              ),
            ).toBe(sumPoints([line.accrued], eid));
          }
        }
        expect(bigintSum(result.lines.map((line) => line.discount)) + result.deliveryDiscount).toBe(
          result.discountTotal,
        );
        expect(bigintSum(result.lines.map((line) => line.redeemedPoints))).toBe(result.pointsRedeemed);
        expect(bigintSum(result.lines.map((line) => line.redeemedValue))).toBe(result.pointsRedeemedValue);
        for (const eid of EIDS) {
          expect(
            sumPoints(
              result.lines.map((line) => line.accrued),
              eid,
            ),
          ).toBe(sumPoints([result.accrued], eid));
        }
        const appliedDiscount = bigintSum(result.applied.map((applied) => applied.discount));
        const partnerDiscount = bigintSum(result.lines.map((line) => line.partnerDiscount));
        expect(appliedDiscount + partnerDiscount).toBe(result.discountTotal);
      }),
      RUNS,
    );
  });

  it('redeems no more than the balance, the request and the share cap', () => {
    fc.assert(
      fc.property(cartSpec(false), (generated) => {
        const input = inputOf(generated);
        const result = priceCart(input);
        const { applied, maxAllowed, requested } = result.redemption;
        expect(applied).toBeLessThanOrEqual(input.member?.activeBalances.get('bonus') ?? 0n);
        expect(applied).toBeLessThanOrEqual(maxAllowed);
        if (requested !== 'max') {
          expect(applied).toBeLessThanOrEqual(requested);
        }
        const eligible = bigintSum(
          result.lines.map((line) =>
            line.partnerId === 1 && generated.partnerTerms?.redemption_allowed === false
              ? 0n
              : line.listTotal - line.discount,
          ),
        );
        const shareHundredths = BigInt(generated.share) * 100n;
        expect(result.pointsRedeemedValue * 10_000n).toBeLessThanOrEqual(eligible * shareHundredths);
      }),
      RUNS,
    );
  });

  it('never accrues negative points', () => {
    fc.assert(
      fc.property(cartSpec(false), (generated) => {
        const result = priceCart(inputOf(generated));
        const everyAmount = [
          ...result.accrued.flatMap((entry) => [entry.amount, entry.partnerFunded]),
          ...result.lines.flatMap((line) =>
            [...line.accrued, ...line.units.flatMap((unit) => unit.accrued)].map((entry) => entry.amount),
          ),
        ];
        everyAmount.forEach((points) => expect(points).toBeGreaterThanOrEqual(0n));
        result.accrued.forEach((entry) => expect(entry.partnerFunded).toBeLessThanOrEqual(entry.amount));
      }),
      RUNS,
    );
  });

  it('is deterministic: the same input gives the same output', () => {
    fc.assert(
      fc.property(cartSpec(false), (generated) => {
        expect(priceCart(inputOf(generated))).toEqual(priceCart(inputOf(generated)));
      }),
      RUNS,
    );
  });

  it('permuting lines permutes line results when every promotion acts line by line', () => {
    const byId = (result: CartCalculation) =>
      Object.fromEntries(result.lines.map((line) => [line.externalId, { ...line, promotions: line.promotions }]));
    const totals = (result: CartCalculation) => ({
      discountTotal: result.discountTotal,
      finalTotal: result.finalTotal,
      accrued: result.accrued,
      applied: [...result.applied].sort((a, b) => a.promotionId - b.promotionId),
      rejected: result.rejected,
    });
    fc.assert(
      fc.property(
        cartSpec(true).chain((generated) =>
          fc.tuple(
            fc.constant(generated),
            fc.shuffledSubarray(
              generated.lines.map((_, index) => index),
              { minLength: generated.lines.length },
            ),
          ),
        ),
        ([generated, order]) => {
          const straight = priceCart(inputOf(generated));
          const permuted = priceCart(inputOf(generated, order));
          expect(totals(permuted)).toEqual(totals(straight));
          expect(byId(permuted)).toEqual(byId(straight));
        },
      ),
      RUNS,
    );
  });
});
