#!/usr/bin/env node
// Benchmarks the pure checkout calculation, `priceCart` (spec/quality.md §1, first row): 20-line
// carts priced against 10, 100, 500 and 1,000 checkout promotions of the shared workload
// (checkout-workload.mjs: order and line conditions over categories and products, percent and
// fixed discounts, exclusive and combinable, points promotions, a partner, a promo code,
// redemption "max"). The engine's TypeScript is transpiled once on load (ts-node transpile-only
// with tsconfig-paths, no type checking), so the timed loop runs plain compiled JavaScript.
//
// For each size: a warm-up, then 3 timed runs over 256 different carts; each call is timed on its
// own and the report gives the medians of the runs' p50 and p99. Also checks that the cost grows
// linearly in the number of promotions. Writes bench/results/<date>-price-cart.json and prints a
// table. BENCH_QUICK=1 runs shorter; BENCH_SOURCE_ROOT prices with another checkout of the sources
// (e.g. a `git archive` snapshot, so concurrent edits do not change what is measured).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg, totalmem } from 'node:os';
import {
  categoryTree,
  CART_LINES,
  partnerSpec,
  product,
  promotionSpecs,
  randomCart,
  seededRandom,
} from './checkout-workload.mjs';
import { cpuPressure, writeResult } from './bench-support.mjs';
import { printTargets } from './targets-table.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const sourceRoot = resolve(process.env.BENCH_SOURCE_ROOT ?? root);
const QUICK = process.env.BENCH_QUICK === '1';
const SIZES = (process.env.PRICE_CART_SIZES ?? '10,100,500,1000').split(',').map(Number);
const RUNS = 3;
/** Time budget of one timed run and of the warm-up, per size (ms). */
const RUN_MS = Number(process.env.PRICE_CART_RUN_MS ?? (QUICK ? 400 : 3_000));
const WARMUP_MS = QUICK ? 300 : 2_000;
const CARTS = 256;

function loadEngine() {
  const require = createRequire(join(sourceRoot, 'package.json'));
  const project = join(sourceRoot, 'tsconfig.base.json');
  require('ts-node').register({ transpileOnly: true, project, compilerOptions: { module: 'commonjs' } });
  const { compilerOptions } = JSON.parse(readFileSync(project, 'utf8'));
  require('tsconfig-paths').register({ baseUrl: sourceRoot, paths: compilerOptions.paths });
  return { engine: require('@loyalty/loyalty-engine'), kernel: require('@loyalty/kernel') };
}

const { engine, kernel } = loadEngine();
const lookups = { customFieldType: () => undefined };
const SEGMENT_ID = 1;
const CODE_PROGRAM_ID = 1;
const ancestry = engine.buildCategoryAncestry(
  categoryTree().map((category) => ({
    externalId: category.external_id,
    parentExternalId: category.parent_external_id,
  })),
);
/** The order segment the promotions name (`endpoint eq website`), compiled as the program cache compiles it. */
const segments = new Map([
  [SEGMENT_ID, engine.compileOrderCondition({ field: 'endpoint', op: 'eq', value: 'website' }, lookups)],
]);

const money = (text) => kernel.Money.parse(text, 2);

/** A promotion spec (API shape) compiled the way the program cache compiles it (checkout-program.ts). */
function pricingPromotion(spec, id) {
  return {
    id,
    externalId: spec.external_id,
    type: spec.type,
    isActive: spec.is_active,
    startDate: null,
    endDate: null,
    priority: spec.priority,
    stacking: spec.stacking,
    condition: spec.conditions ? engine.compileOrderCondition(spec.conditions, lookups) : null,
    promoCodeProgramId: spec.promo_code_program_id ?? null,
    discount: spec.discount ? engine.parseDiscountEffect(spec.discount, 2) : null,
    accrual: spec.accrual ? engine.parseAccrualEffect(spec.accrual, 2, new Set(['bonus'])) : null,
    redemption: null,
    limits: { exhausted: false, budgetLeft: spec.limits?.budget ? money(spec.limits.budget) : null },
  };
}

const program = {
  arbitration: { mode: 'priority', maxDiscountPercent: null },
  redemption: { enabled: true, maxSharePercent: '50', minRedeem: 0n, step: 1n },
  currencies: [{ eid: 'bonus', type: 'standard', pointValue: '1.00', precision: 2, activeAtOnce: true }],
};
const partnerRaw = partnerSpec();
const partners = [
  {
    id: 1,
    externalId: partnerRaw.external_id,
    products: engine.parseProductSet(partnerRaw.products),
    terms: engine.parsePartnerTerms(partnerRaw.terms),
  },
];

/** The engine input of one cart, built as openCheckoutSession builds it (checkout-session.ts). */
function pricingInput(data, promotions) {
  const lines = data.lines.map((line) => ({
    externalId: line.external_id,
    unitPrice: money(line.base_price_per_item),
    floorPrice: money(line.min_price_per_item ?? '0.00'),
    count: line.count,
    known: true,
  }));
  const facts = data.lines.map((line) => ({
    product: line.product,
    sku: null,
    categories: [product(Number(line.product.slice(1))).category],
    price: money(line.base_price_per_item),
    count: line.count,
    customFields: new Map(),
  }));
  const deliveryCost = money(data.delivery_cost);
  const goodsTotal = lines.reduce((sum, line) => sum + line.unitPrice * BigInt(line.count), 0n);
  const order = {
    channel: 'online',
    endpoint: data.endpoint,
    region: null,
    currency: 'RUB',
    minorDigits: 2,
    goodsTotal,
    totalPrice: goodsTotal + deliveryCost,
    tags: [],
    customFields: new Map(),
    lines: facts,
    member: { tiers: new Set(['silver']), registeredDays: 300 },
    profileCustomFields: new Map(),
    now: { weekday: 3, hour: 12 },
    categories: ancestry,
    // As the session does: the segment's tree is evaluated on every leaf that names it.
    inOrderSegment: (segmentId) => segments.get(segmentId)?.evaluate(order).matches ?? false,
    inProductSegment: () => false,
  };
  return {
    minorDigits: 2,
    lines,
    deliveryCost,
    order,
    member: { activeBalances: new Map([['bonus', 500_000n]]) },
    program,
    promotions,
    partners,
    promoCodes: (data.promo_codes ?? []).map((code) => ({ code, state: 'valid', programId: CODE_PROGRAM_ID })),
    pointsToRedeem: 'max',
    redemptionCurrency: 'bonus',
    now: new Date('2026-11-25T12:00:00Z'),
  };
}

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Prices the carts in a loop for `ms`, timing each call; answers the sorted durations (ms). */
function timedRun(inputs, ms) {
  const durations = [];
  const until = performance.now() + ms;
  let index = 0;
  let sink = 0n;
  while (performance.now() < until) {
    const input = inputs[index % inputs.length];
    const started = performance.now();
    const result = engine.priceCart(input);
    durations.push(performance.now() - started);
    sink += result.finalTotal;
    index += 1;
  }
  if (sink === -1n) console.log('unreachable');
  return Float64Array.from(durations).sort();
}

function benchSize(count) {
  const specs = promotionSpecs(count, { orderSegmentId: SEGMENT_ID, promoCodeProgramId: CODE_PROGRAM_ID });
  const promotions = specs.map((spec, index) => pricingPromotion(spec, index + 1));
  const random = seededRandom(1_000 + count);
  const inputs = Array.from({ length: CARTS }, () => pricingInput(randomCart(random), promotions));
  // What one cart typically gets, to show the mix is realistic (applied and rejected promotions).
  const sample = inputs.slice(0, 32).map((input) => engine.priceCart(input));
  const applied = median(sample.map((result) => result.applied.length));
  const rejected = median(sample.map((result) => result.rejected.length));
  timedRun(inputs, WARMUP_MS);
  const runs = Array.from({ length: RUNS }, () => {
    const sorted = timedRun(inputs, RUN_MS);
    return {
      calls: sorted.length,
      p50_ms: percentile(sorted, 0.5),
      p99_ms: percentile(sorted, 0.99),
      max_ms: sorted.at(-1),
    };
  });
  return {
    promotions: count,
    lines: CART_LINES,
    calls_per_run: runs.map((run) => run.calls),
    p50_ms: round(median(runs.map((run) => run.p50_ms))),
    p99_ms: round(median(runs.map((run) => run.p99_ms))),
    max_ms: round(median(runs.map((run) => run.max_ms))),
    runs: runs.map((run) => ({
      ...run,
      p50_ms: round(run.p50_ms),
      p99_ms: round(run.p99_ms),
      max_ms: round(run.max_ms),
    })),
    typical_cart: { applied_promotions: applied, rejected_promotions: rejected },
  };
}

/**
 * Least-squares line of p50 over the number of promotions, its R², and the marginal cost per
 * promotion on each segment of the curve: linear when the fit is tight and the last segment's
 * marginal cost is at most 1.5× the middle one's.
 */
function linearity(results) {
  const xs = results.map((result) => result.promotions);
  const ys = results.map((result) => result.p50_ms);
  const n = xs.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  const slope =
    xs.reduce((sum, x, i) => sum + (x - meanX) * (ys[i] - meanY), 0) / xs.reduce((sum, x) => sum + (x - meanX) ** 2, 0);
  const intercept = meanY - slope * meanX;
  const total = ys.reduce((sum, y) => sum + (y - meanY) ** 2, 0);
  const residual = ys.reduce((sum, y, i) => sum + (y - (intercept + slope * xs[i])) ** 2, 0);
  const r2 = total === 0 ? 1 : 1 - residual / total;
  const segments = results.slice(1).map((result, i) => ({
    from: results[i].promotions,
    to: result.promotions,
    us_per_promotion: round(
      ((result.p50_ms - results[i].p50_ms) / (result.promotions - results[i].promotions)) * 1000,
      3,
    ),
  }));
  const middle = segments.at(-2)?.us_per_promotion ?? segments[0]?.us_per_promotion;
  const last = segments.at(-1)?.us_per_promotion;
  const linear = n >= 3 && r2 >= 0.98 && last <= 1.5 * middle;
  return {
    fit: { intercept_ms: round(intercept), us_per_promotion: round(slope * 1000, 3), r2: round(r2, 4) },
    segments,
    linear,
  };
}

function priceCartTargets(results, curve) {
  const at = (count) => results.find((result) => result.promotions === count);
  const rows = [];
  const hundred = at(100);
  const thousand = at(1000);
  if (hundred) {
    rows.push({
      what: 'pure calculation 20×100, p50',
      target: '≤ 0.15 ms',
      value: `${hundred.p50_ms} ms`,
      met: hundred.p50_ms <= 0.15,
    });
    rows.push({
      what: 'pure calculation 20×100, p99',
      target: '≤ 0.5 ms',
      value: `${hundred.p99_ms} ms`,
      met: hundred.p99_ms <= 0.5,
    });
  }
  if (thousand) {
    rows.push({
      what: 'pure calculation 20×1,000, p99',
      target: '≤ 5 ms',
      value: `${thousand.p99_ms} ms`,
      met: thousand.p99_ms <= 5,
    });
  }
  if (curve) {
    rows.push({
      what: 'pure calculation, cost linear in promotions',
      target: 'linear',
      value: `${curve.fit.us_per_promotion} µs/promotion, R² ${curve.fit.r2}, last/middle segment ${curve.segments.at(-1)?.us_per_promotion}/${curve.segments.at(-2)?.us_per_promotion} µs`,
      met: curve.linear,
    });
  }
  return rows;
}

async function main() {
  const results = [];
  for (const count of SIZES) {
    const result = benchSize(count);
    results.push(result);
    console.log(
      `${String(count).padStart(5)} promotions: p50 ${result.p50_ms} ms  p99 ${result.p99_ms} ms  max ${result.max_ms} ms  ` +
        `(${result.calls_per_run.join('/')} calls; a cart gets ${result.typical_cart.applied_promotions} applied, ${result.typical_cart.rejected_promotions} rejected)`,
    );
  }
  const curve = linearity(results);
  const targets = priceCartTargets(results, curve);
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memory_gb: Math.round(totalmem() / 2 ** 30),
      loadavg: loadavg(),
    },
    cpu_pressure: cpuPressure(),
    versions: { node: process.version },
    settings: { quick: QUICK, run_ms: RUN_MS, warmup_ms: WARMUP_MS, runs: RUNS, carts: CARTS, source_root: sourceRoot },
    results,
    linearity: curve,
    targets,
  };
  const file = writeResult('price-cart', report);
  console.log(
    `\nlinear fit: ${curve.fit.intercept_ms} ms + ${curve.fit.us_per_promotion} µs × promotions (R² ${curve.fit.r2}); ` +
      `segments ${curve.segments.map((s) => `${s.from}→${s.to}: ${s.us_per_promotion} µs`).join(', ')}`,
  );
  printTargets(targets);
  console.log(`\nwritten to ${file}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
