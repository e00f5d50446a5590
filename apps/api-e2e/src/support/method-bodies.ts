import type { E2eStack } from '@loyalty/testing';
import { createTokenWithId, Envelope, TestAccount } from './e2e-helpers';

const MATRIX_MEMBER = { matching: 'email', email: 'matrix-member@example.com' };

/** What the bodies name: the stack, the account whose admin makes the fixtures, its database, and a profile that may be erased. */
export interface BodyContext {
  stack: E2eStack;
  account: TestAccount;
  dbId: number;
  erasableProfileId: string;
}

/**
 * A valid body (one that succeeds for a caller the method allows) for every method the API serves.
 * The fixtures a body names are made lazily by the account's admin, and every call gives a fresh
 * body (new names, new ids), so a suite may call a method many times: the role matrix once per
 * caller, the idempotency sweep twice per key.
 */
export function methodBodies(context: BodyContext): { validBody(method: string): Promise<Record<string, unknown>> } {
  const { stack, account, dbId, erasableProfileId } = context;

  /** Loyalty configuration the matrix bodies name, made once by the admin. */
  type LoyaltyFixture = { programId: number; spareProgramId: number; currencyId: number; tierGroupId: number };
  let loyaltyFixture: Promise<LoyaltyFixture> | undefined;
  let serial = 0;

  async function adminCall<T>(method: string, body: Record<string, unknown>): Promise<T> {
    const answer = await stack.call<Envelope<T>>(method, body, account.admin);
    if (answer.status !== 200) throw new Error(`${method} answered ${answer.status}: ${answer.text}`);
    return answer.body.data;
  }

  async function makeLoyaltyFixture(): Promise<LoyaltyFixture> {
    const program = (external_id: string, is_active: boolean) =>
      adminCall<{ loyalty_program_id: number }>('loyalty/programs/create', {
        name: 'Matrix club',
        external_id,
        db_id: dbId,
        currency: 'RUB',
        is_active,
      });
    const programId = (await program('matrix-club', true)).loyalty_program_id;
    const spareProgramId = (await program('matrix-spare', false)).loyalty_program_id;
    const currency = (external_id: string, type: string) =>
      adminCall<{ points_currency_iid: number }>('loyalty/points_currencies/create', {
        loyalty_program_id: programId,
        name: external_id,
        external_id,
        type,
      });
    const currencyId = (await currency('bonus', 'standard')).points_currency_iid;
    await currency('qp', 'qualification');
    const tierGroupId = (
      await adminCall<{ tiers_group_id: number }>('loyalty/tier_groups/create', {
        loyalty_program_id: programId,
        name: 'Status',
        tiers_group_type: 'cumulative',
        points_currency_eid: 'qp',
        tiers: [{ tier_eid: 'base', name: 'Base', threshold: '0' }],
      })
    ).tiers_group_id;
    for (const [external_id, is_active] of [
      ['matrix-promo', true],
      ['matrix-idle-promo', false],
    ] as const) {
      await adminCall('loyalty/promotions/create', triggerPromotion(programId, external_id, is_active));
    }
    await adminCall('loyalty/register_member', { loyalty_program_id: programId, ...MATRIX_MEMBER });
    await adminCall('loyalty/adjust_points', {
      loyalty_program_id: programId,
      ...MATRIX_MEMBER,
      points_currency_eid: 'bonus',
      amount: '100.00',
      reason: 'matrix fixture',
    });
    return { programId, spareProgramId, currencyId, tierGroupId };
  }

  let partnerId: Promise<number> | undefined;
  let orderSegmentId: Promise<number> | undefined;
  const matrixPartner = (programId: number) =>
    (partnerId ??= adminCall<{ id: number }>('loyalty/partners/create', {
      loyalty_program_id: programId,
      name: 'Partner',
      external_id: 'matrix-partner',
      products: { products: ['matrix-product'] },
      terms: { redemption_allowed: false },
    }).then((created) => created.id));
  const matrixOrderSegment = (programId: number) =>
    (orderSegmentId ??= adminCall<{ id: number }>('loyalty/order_segments/create', {
      loyalty_program_id: programId,
      name: 'Matrix orders',
      conditions: { field: 'endpoint', op: 'eq', value: 'matrix-site' },
    }).then((created) => created.id));

  /** A points operation on the matrix member, made by the admin, for the transaction methods to act on. */
  async function matrixTransaction(programId: number, temporary: boolean): Promise<number> {
    const made = await adminCall<{ transaction_id: number }>('loyalty/accrue_points', {
      loyalty_program_id: programId,
      ...MATRIX_MEMBER,
      promotion_id: 'matrix-promo',
      points_currency_eid: 'bonus',
      is_temp: temporary,
    });
    return made.transaction_id;
  }

  function triggerPromotion(programId: number, external_id: string, is_active: boolean): Record<string, unknown> {
    return {
      loyalty_program_id: programId,
      type: 'trigger',
      name: 'Matrix promotion',
      external_id,
      is_active,
      accrual_rules: [{ points_currency_eid: 'bonus', static_amount: '10' }],
      redeem_rules: [{ points_currency_eid: 'bonus', static_amount: '1' }],
    };
  }

  /** Market settings, a product, a SKU, a segment and an order the market bodies name, made once by the admin. */
  let marketFixture: Promise<{ segmentId: number; taskId: number }> | undefined;
  const CURRENCY_CODES = ['USD', 'EUR', 'GBP', 'CNY', 'KZT', 'JPY', 'CHF', 'SEK'];
  let currencySerial = 0;

  async function marketCall<T>(method: string, body: Record<string, unknown>): Promise<T> {
    const answer = await stack.call<{ result: T }>(method, body, account.admin);
    if (answer.status !== 200) throw new Error(`${method} answered ${answer.status}: ${answer.text}`);
    return answer.body.result;
  }

  const matrixOrder = (external_id: string) => ({
    data: {
      external_id,
      email: 'matrix@example.com',
      endpoint: 'matrix-site',
      status: 'new',
      currency: 'RUB',
      total_price: '10.00',
      lines: [{ external_id: 'l1', product: 'matrix-product', base_price_per_item: '10.00', count: 1 }],
    },
  });

  async function makeMarketFixture(): Promise<{ segmentId: number; taskId: number }> {
    await marketCall('market/channels/create', { name: 'Web', external_id: 'matrix-web', type: 'online', db_id: dbId });
    await marketCall('market/endpoints/create', {
      channel_external_id: 'matrix-web',
      name: 'Site',
      external_id: 'matrix-site',
    });
    await marketCall('market/currencies/create', { code: 'RUB' });
    await marketCall('market/products/import', {
      data: [
        { external_id: 'matrix-product', name: 'Product', price: '10.00', currency: 'RUB' },
        { external_id: 'matrix-sku', name: 'SKU', product_external_id: 'matrix-product' },
      ],
    });
    const segmentId = (
      await marketCall<{ id: number }>('market/product_segments/create', {
        name: 'Matrix',
        entity: 'product',
        kind: 'static',
        items: ['matrix-product'],
      })
    ).id;
    await marketCall('market/orders/import', matrixOrder('matrix-order'));
    const taskId = (
      await marketCall<{ task_id: number }>('market/products/feed_import', {
        format: 'csv',
        content: 'external_id,name,price,currency\nmatrix-feed,Feed product,1.00,RUB\n',
      })
    ).task_id;
    return { segmentId, taskId };
  }

  /** A finished transactions export (its file is what `tasks/download` serves). */
  let exportTask: Promise<number> | undefined;
  async function finishedExportTask(): Promise<number> {
    loyaltyFixture ??= makeLoyaltyFixture();
    const { programId, currencyId } = await loyaltyFixture;
    const { task_id } = await adminCall<{ task_id: number }>('loyalty/transactions_export', {
      loyalty_program_id: programId,
      points_currency_iid: currencyId,
      date_from: '2026-01-01',
      date_to: '2026-12-31',
    });
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const task = await adminCall<{ status: string }>('tasks/get', { task_id });
      if (task.status === 'done') return task_id;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`export task ${task_id} did not finish`);
  }

  /** A valid body for a market method (and `tasks/get`), naming the market fixture. */
  async function marketBody(method: string): Promise<Record<string, unknown>> {
    marketFixture ??= makeMarketFixture();
    const { segmentId, taskId } = await marketFixture;
    serial += 1;
    switch (method) {
      case 'market/channels/create':
        return { name: 'Channel', external_id: `matrix-channel-${serial}`, type: 'retail', db_id: dbId };
      case 'market/channels/update':
        return { external_id: 'matrix-web', name: `Web ${serial}` };
      case 'market/endpoints/create':
        return { channel_external_id: 'matrix-web', name: 'Shop', external_id: `matrix-shop-${serial}` };
      case 'market/endpoints/update':
        return { external_id: 'matrix-site', name: `Site ${serial}` };
      case 'market/currencies/create':
        return { code: CURRENCY_CODES[currencySerial++ % CURRENCY_CODES.length] };
      case 'market/regions/create':
        return { name: 'Region', external_id: `matrix-region-${serial}` };
      case 'market/custom_fields/create':
        return { external_id: `matrix-field-${serial}`, name: 'Field', entity_type: 'product', value_type: 'string' };
      case 'market/products/import':
        return { data: [{ external_id: `matrix-product-${serial}`, name: 'P', price: '1.00', currency: 'RUB' }] };
      case 'market/sku/import':
        return { data: [{ external_id: `matrix-sku-${serial}`, name: 'S', product_external_id: 'matrix-product' }] };
      case 'market/products/feed_import':
        return { format: 'csv', content: `external_id,name\nmatrix-feed-${serial},Feed\n` };
      case 'market/products/get':
        return { external_id: 'matrix-product' };
      case 'market/sku/get':
        return { external_id: 'matrix-sku' };
      case 'market/products/delete':
        await marketCall('market/products/import', { data: [{ external_id: `doomed-${serial}`, name: 'D' }] });
        return { external_id: `doomed-${serial}` };
      case 'market/sku/delete':
        await marketCall('market/sku/import', {
          data: [{ external_id: `doomed-sku-${serial}`, name: 'D', product_external_id: 'matrix-product' }],
        });
        return { external_id: `doomed-sku-${serial}` };
      case 'market/product_segments/create':
        return { name: 'Segment', entity: 'product', kind: 'static', items: ['matrix-product'] };
      case 'market/product_segments/update':
        return { segment_id: segmentId, name: `Matrix ${serial}` };
      case 'market/product_segments/get':
      case 'market/product_segments/members':
        return { segment_id: segmentId };
      case 'market/orders/import':
        return matrixOrder(`matrix-order-${serial}`);
      case 'market/orders/get':
      case 'market/orders/get_status':
        return { external_id: 'matrix-order' };
      case 'market/orders/delete':
        await marketCall('market/orders/import', matrixOrder(`doomed-order-${serial}`));
        return { external_id: `doomed-order-${serial}` };
      case 'market/orders/update_order_line_status':
        await marketCall('market/orders/import', matrixOrder(`returning-order-${serial}`));
        return {
          order_external_id: `returning-order-${serial}`,
          order_line_external_id: 'l1',
          status_external_id: 'canceled',
        };
      case 'market/orders/preorder':
      case 'market/orders/preorder_commit': {
        loyaltyFixture ??= makeLoyaltyFixture();
        await loyaltyFixture;
        const { data } = matrixOrder(`matrix-checkout-${serial}`);
        return {
          external_id: data.external_id,
          email: data.email,
          data: {
            endpoint: data.endpoint,
            currency: 'RUB',
            total_price: '10.00',
            final_total_price: '10.00',
            lines: data.lines,
          },
        };
      }
      case 'tasks/get':
        return { task_id: taskId };
      case 'tasks/download':
        exportTask ??= finishedExportTask();
        return { task_id: await exportTask };
      default:
        if (method.endsWith('/list')) return { limit: 100 };
        throw new Error(`no body for ${method}`);
    }
  }

  /** A valid body for a loyalty configuration method, naming the fixture (made on first use). */
  async function loyaltyBody(method: string): Promise<Record<string, unknown>> {
    loyaltyFixture ??= makeLoyaltyFixture();
    const { programId, spareProgramId, currencyId, tierGroupId } = await loyaltyFixture;
    const program = { loyalty_program_id: programId };
    serial += 1;
    switch (method) {
      case 'loyalty/programs/create':
        return {
          name: 'Matrix',
          external_id: `matrix-program-${serial}`,
          db_id: dbId,
          currency: 'RUB',
          is_active: false,
        };
      case 'loyalty/programs/update':
        return { ...program, description: `Matrix ${serial}` };
      case 'loyalty/programs/get':
      case 'loyalty/programs/activate':
      case 'loyalty/points_currencies/list':
      case 'loyalty/tier_groups/list':
      case 'loyalty/promotions/list':
      case 'loyalty/trigger_promotions':
        return program;
      case 'loyalty/transactions_export':
        return { ...program, points_currency_iid: currencyId, date_from: '2026-01-01', date_to: '2026-12-31' };
      case 'loyalty/reports/summary':
        return { ...program, date_from: '2026-01-01', date_to: '2026-01-31', group_by: 'week' };
      case 'loyalty/programs/list':
        return { limit: 100 };
      case 'loyalty/programs/deactivate':
        return { loyalty_program_id: spareProgramId };
      case 'loyalty/points_currencies/create':
        return { ...program, name: 'Matrix points', external_id: `matrix-points-${serial}`, type: 'standard' };
      case 'loyalty/points_currencies/update':
        return { ...program, points_currency_iid: currencyId, name: `Bonus ${serial}` };
      case 'loyalty/tier_groups/create':
        return {
          ...program,
          name: 'Matrix tiers',
          tiers_group_type: 'cumulative',
          points_currency_eid: 'qp',
          tiers: [{ tier_eid: 'base', name: 'Base', threshold: '0' }],
        };
      case 'loyalty/tier_groups/update':
        return { ...program, tiers_group_id: tierGroupId, name: `Status ${serial}` };
      case 'loyalty/promotions/create':
        return triggerPromotion(programId, `matrix-promo-${serial}`, true);
      case 'loyalty/promotions/update':
        return { ...program, promotion_id: 'matrix-promo', priority: serial };
      case 'loyalty/promotions/get':
      case 'loyalty/promotions/activate':
        return { ...program, promotion_id: 'matrix-promo' };
      case 'loyalty/promotions/deactivate':
        return { ...program, promotion_id: 'matrix-idle-promo' };
      case 'loyalty/register_member':
        return { ...program, matching: 'email', email: `member-${serial}@example.com` };
      case 'loyalty/delete_member': {
        const leaving = { ...program, matching: 'email', email: `leaving-${serial}@example.com` };
        await adminCall('loyalty/register_member', leaving);
        return leaving;
      }
      case 'loyalty/members/list':
        return program;
      case 'loyalty/members/import':
        return { ...program, matching: 'email', data: [{ email: `imported-${serial}@example.com` }] };
      case 'loyalty/accrue_points':
      case 'loyalty/redeem_points':
      case 'loyalty/redeeme_points':
        return { ...program, ...MATRIX_MEMBER, promotion_id: 'matrix-promo', points_currency_eid: 'bonus' };
      case 'loyalty/adjust_points':
        return { ...program, ...MATRIX_MEMBER, points_currency_eid: 'bonus', amount: '1.00', reason: 'matrix' };
      case 'loyalty/ledger/import':
        return {
          ...program,
          matching: 'email',
          data: [
            {
              email: `legacy-${serial}@example.com`,
              points_currency_eid: 'bonus',
              amount: '1.00',
              created_at: '2026-01-01',
            },
          ],
        };
      case 'loyalty/commit_transaction':
      case 'loyalty/rollback_transaction':
        return { ...program, transaction_id: await matrixTransaction(programId, true) };
      case 'loyalty/cancel_transaction':
        return { ...program, transaction_id: await matrixTransaction(programId, false) };
      case 'loyalty/account/balance':
      case 'loyalty/account/transactions':
        return { ...program, ...MATRIX_MEMBER, points_currency_eid: 'bonus' };
      case 'loyalty/account/expiring_points':
        return {
          ...program,
          ...MATRIX_MEMBER,
          points_currency_eid: 'bonus',
          date_from: '2026-01-01',
          date_to: '2026-12-31',
        };
      case 'loyalty/account/tiers':
        return { ...program, ...MATRIX_MEMBER, tiers_group_id: tierGroupId };
      case 'loyalty/partners/create':
        return {
          ...program,
          name: 'Matrix partner',
          external_id: `matrix-partner-${serial}`,
          products: { products: ['matrix-product'] },
          terms: { cashback_percent: '5' },
        };
      case 'loyalty/partners/update':
        return { ...program, partner_id: await matrixPartner(programId), name: `Partner ${serial}` };
      case 'loyalty/promotions/simulate': {
        marketFixture ??= makeMarketFixture();
        await marketFixture;
        return {
          ...program,
          promotions: [
            {
              type: 'discount',
              name: 'Draft',
              external_id: 'draft',
              is_active: true,
              discount: { kind: 'percent', value: '10', target: 'order' },
            },
          ],
          cart: {
            external_id: `matrix-simulation-${serial}`,
            data: {
              endpoint: 'matrix-site',
              currency: 'RUB',
              total_price: '10.00',
              lines: [{ external_id: 'l1', product: 'matrix-product', base_price_per_item: '10.00', count: 1 }],
            },
          },
        };
      }
      case 'loyalty/partners/list':
      case 'loyalty/order_segments/list':
        return program;
      case 'loyalty/order_segments/create':
        return { ...program, name: `Segment ${serial}`, conditions: { field: 'lines_count', op: 'gte', value: 1 } };
      case 'loyalty/order_segments/update':
        return { ...program, order_segment_id: await matrixOrderSegment(programId), name: `Segment ${serial}` };
      case 'loyalty/order_segments/get':
        return { ...program, order_segment_id: await matrixOrderSegment(programId) };
      default:
        throw new Error(`no body for ${method}`);
    }
  }

  /** Promo-code programs and codes the promo-code bodies name, made once by the admin. */
  type PromoFixture = { personal: number; universal: number };
  let promoFixture: Promise<PromoFixture> | undefined;
  const MATRIX_PERSON = { matching: 'email', email: 'matrix@example.com' };

  async function makePromoFixture(): Promise<PromoFixture> {
    const program = async (short_name: string, kind: string) =>
      (await adminCall<{ loyalty_id: number }>('promocodes/programs/create', { name: short_name, short_name, kind }))
        .loyalty_id;
    const personal = await program('matrix-personal', 'personal');
    const universal = await program('matrix-universal', 'universal');
    await adminCall('promocodes/import', { loyalty_id: personal, codes: ['MATRIX-1'] });
    return { personal, universal };
  }

  /** A fresh personal code attached to the matrix profile by the admin. */
  async function attachedCode(personal: number): Promise<string> {
    const code = `MATRIX-HELD-${serial}`;
    await adminCall('promocodes/import', { loyalty_id: personal, codes: [code] });
    await adminCall('promocodes/attach', { loyalty_id: personal, db_id: dbId, code, ...MATRIX_PERSON });
    return code;
  }

  /** A valid body for a promo-code method, naming the fixture (made on first use). */
  async function promoBody(method: string): Promise<Record<string, unknown>> {
    promoFixture ??= makePromoFixture();
    const { personal, universal } = await promoFixture;
    serial += 1;
    switch (method) {
      case 'promocodes/programs/create':
        return { name: 'Matrix codes', short_name: `matrix-codes-${serial}`, kind: 'personal' };
      case 'promocodes/programs/list':
        return { limit: 100 };
      case 'promocodes/generate':
        return { loyalty_id: universal, pattern: 'MX-#####-XX', count: 5 };
      case 'promocodes/import':
        return { loyalty_id: universal, codes: [`MATRIX-IMPORT-${serial}`] };
      case 'promocodes/list':
        return { loyalty_id: personal };
      case 'promocodes/get':
        return { loyalty_id: personal, code: 'MATRIX-1' };
      case 'promocodes/update':
        return { loyalty_id: personal, code: 'MATRIX-1', expire_date: '2030-01-01' };
      case 'promocodes/attach': {
        const code = `MATRIX-FREE-${serial}`;
        await adminCall('promocodes/import', { loyalty_id: personal, codes: [code] });
        return { loyalty_id: personal, db_id: dbId, code, ...MATRIX_PERSON };
      }
      case 'promocodes/detach':
        return { loyalty_id: personal, db_id: dbId, code: await attachedCode(personal), ...MATRIX_PERSON };
      case 'promocodes/activate':
        return { loyalty_id: personal, code: await attachedCode(personal) };
      default:
        throw new Error(`no body for ${method}`);
    }
  }

  /** A hook the hooks bodies name (its endpoint refuses connections; deliveries just retry). */
  const MATRIX_HOOK = { url: 'http://127.0.0.1:9/matrix-hook', events: ['points.accrued'] };
  let matrixHookId: Promise<number> | undefined;

  async function hooksBody(method: string): Promise<Record<string, unknown>> {
    matrixHookId ??= adminCall<{ hook_id: number }>('hooks/create', MATRIX_HOOK).then((created) => created.hook_id);
    switch (method) {
      case 'hooks/create':
        return MATRIX_HOOK;
      case 'hooks/list':
        return { limit: 100 };
      case 'hooks/delete':
        return { hook_id: (await adminCall<{ hook_id: number }>('hooks/create', MATRIX_HOOK)).hook_id };
      case 'hooks/test':
      case 'hooks/deliveries':
        return { hook_id: await matrixHookId };
      default:
        throw new Error(`no body for ${method}`);
    }
  }

  /** A one-node scenario the scenarios bodies name (a wait: it needs no other fixture). */
  const MATRIX_SCENARIO = {
    name: 'Matrix scenario',
    trigger: { event_name: 'matrix_event' },
    nodes: [{ id: 'pause', code: 'flow.wait', args: { seconds: 60 } }],
    edges: [],
  };
  let matrixScenarioId: Promise<number> | undefined;
  let matrixRunId: Promise<number> | undefined;

  /** A run of an active scenario (waiting in its flow.wait), for `scenarios/runs/get`. */
  async function startMatrixRun(): Promise<number> {
    const { scenario_id } = await adminCall<{ scenario_id: number }>('scenarios/create', {
      ...MATRIX_SCENARIO,
      trigger: { event_name: 'matrix_run' },
    });
    await adminCall('scenarios/activate', { scenario_id });
    const fired = await adminCall<{ runs: Array<{ run_id: number }> }>('scenarios/events/fire', {
      event_name: 'matrix_run',
      event_id: 'matrix-run',
    });
    return fired.runs[0].run_id;
  }

  async function scenariosBody(method: string): Promise<Record<string, unknown>> {
    matrixScenarioId ??= adminCall<{ scenario_id: number }>('scenarios/create', MATRIX_SCENARIO).then(
      (created) => created.scenario_id,
    );
    serial += 1;
    switch (method) {
      case 'scenarios/create':
        return MATRIX_SCENARIO;
      case 'scenarios/update':
        return { scenario_id: await matrixScenarioId, name: `Matrix scenario ${serial}` };
      case 'scenarios/get':
      case 'scenarios/activate':
      case 'scenarios/deactivate':
        return { scenario_id: await matrixScenarioId };
      case 'scenarios/list':
        return { limit: 100 };
      case 'scenarios/nodes/catalogue':
        return {};
      case 'scenarios/events/fire':
        return { event_name: 'matrix_event', event_id: `matrix-event-${serial}` };
      case 'scenarios/runs/get':
        matrixRunId ??= startMatrixRun();
        return { run_id: await matrixRunId };
      default:
        throw new Error(`no body for ${method}`);
    }
  }

  /** A body that is valid for the method (and would succeed) whoever calls it. */
  async function validBody(method: string): Promise<Record<string, unknown>> {
    switch (method) {
      case 'admin/accounts/create':
        return { name: 'Matrix tenant', timezone: 'Europe/Moscow' };
      case 'admin/tokens/create':
        return { name: 'matrix token', role: 'read' };
      case 'admin/tokens/revoke':
        return { token_id: (await createTokenWithId(stack, account.admin, 'read', 'to revoke')).token_id };
      case 'admin/tokens/list':
      case 'admin/audit/list':
      case 'databases/list':
        return { limit: 100 };
      case 'databases/create':
        return { name: 'matrix db' };
      case 'profiles/import':
        return { db_id: dbId, matching: 'email', data: [{ email: 'matrix@example.com', custom_fields: { n: 1 } }] };
      case 'profiles/get':
        return { db_id: dbId, matching: 'email', email: 'matrix@example.com' };
      case 'profiles/delete':
        return { db_id: dbId, matching: 'profile_id', profile_id: erasableProfileId };
      default:
        if (method.startsWith('loyalty/')) return loyaltyBody(method);
        if (method.startsWith('market/') || method.startsWith('tasks/')) return marketBody(method);
        if (method.startsWith('promocodes/')) return promoBody(method);
        if (method.startsWith('hooks/')) return hooksBody(method);
        if (method.startsWith('scenarios/')) return scenariosBody(method);
        throw new Error(`no body for ${method}`);
    }
  }

  return { validBody };
}
