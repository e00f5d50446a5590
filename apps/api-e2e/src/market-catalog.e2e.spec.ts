import { ApiAnswer, E2eStack, startE2eStack } from '@loyalty/testing';
import {
  createAccount,
  createDatabase,
  Envelope,
  expectFailure,
  expectSuccess,
  sleep,
  TestAccount,
} from './support/e2e-helpers';

type MarketEnvelope<T> = { error: number; error_text: string; result: T };
type Task = {
  status: string;
  progress: number;
  result: Record<string, number> | null;
  errors: Array<Record<string, unknown>>;
};

/** The market catalog over HTTP (spec api.md §4): the `result` envelope, imports, feeds on the worker, segments. */
describe('market catalog over HTTP', () => {
  let stack: E2eStack;
  let a: TestAccount;
  let b: TestAccount;

  const call = <T>(method: string, body: unknown, token: string) => stack.call<MarketEnvelope<T>>(method, body, token);
  /** Asserts the market success envelope: 200 with `{error: 0, error_text, result}` and never `data`. */
  const result = <T>(answer: ApiAnswer<MarketEnvelope<T>>): T => {
    expect({ status: answer.status, text: answer.status === 200 ? '' : answer.text }).toEqual({
      status: 200,
      text: '',
    });
    expect(Object.keys(answer.body).sort()).toEqual(['error', 'error_text', 'result']);
    return answer.body.result;
  };
  const ok = async <T>(method: string, body: unknown, token = a.admin) => result<T>(await call<T>(method, body, token));

  async function finishedTask(taskId: number, token: string): Promise<Task> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      // tasks/get is not a market method: its payload is under `data`
      const task = expectSuccess(await stack.call<Envelope<Task>>('tasks/get', { task_id: taskId }, token));
      if (task.status === 'done' || task.status === 'failed') return task;
      await sleep(100);
    }
    throw new Error(`task ${taskId} did not finish`);
  }

  beforeAll(async () => {
    stack = await startE2eStack('market-catalog');
    a = await createAccount(stack, 'Market A');
    b = await createAccount(stack, 'Market B');
    const dbId = await createDatabase(stack, a.admin, 'Customers');
    await ok('market/channels/create', { name: 'Web', external_id: 'web', type: 'online', db_id: dbId });
    await ok('market/endpoints/create', { channel_external_id: 'web', name: 'Site', external_id: 'website' });
    expect(await ok('market/currencies/create', { code: 'RUB' })).toMatchObject({ minor_digits: 2 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('imports products with ignored Altcraft fields and answers them under result', async () => {
    const counts = await ok(
      'market/products/import',
      {
        format: 'json',
        categories: [{ external_id: 'phones', name: 'Phones' }],
        data: [
          {
            external_id: 'iphone17',
            name: 'iPhone 17',
            price: 1100.5,
            categories: ['phones'],
            delivery: { days: 2 },
            expiration_time: 0,
          },
          { external_id: 'iphone17-256', name: '256 GB', product_external_id: 'iphone17', price: '1200.00' },
        ],
      },
      a.integration,
    );
    expect(counts).toEqual({ categories: 1, products: 1, skus: 1 });
    expect(await ok('market/products/get', { external_id: 'iphone17' }, a.read)).toMatchObject({
      external_id: 'iphone17',
      price: '1100.50',
      currency: 'RUB',
      categories: ['phones'],
    });
    const skus = await ok<{ items: Array<{ external_id: string; price: string }>; total_count: number }>(
      'market/sku/list',
      { product_external_id: 'iphone17' },
      a.read,
    );
    expect(skus.items.map((sku) => [sku.external_id, sku.price])).toEqual([['iphone17-256', '1200.00']]);
  });

  it('rejects unknown fields and bad items with coded errors, storing nothing', async () => {
    const unknown = expectFailure(
      await call('market/products/import', { data: [{ external_id: 'x', name: 'X', nickname: 'y' }] }, a.admin),
      400,
      1,
      'VALIDATION_FAILED',
    );
    expect(unknown.details.fields).toEqual([{ path: 'data[0].nickname', message: 'unknown field' }]);
    const badItems = expectFailure(
      await call('market/products/import', { data: [{ external_id: 'y', name: 'Y', categories: ['nope'] }] }, a.admin),
      400,
      18,
      'UNKNOWN_REFERENCE',
    );
    expect(badItems.details.fields).toEqual([{ path: 'data[0].categories[0]', message: 'unknown category' }]);
    expectFailure(await call('market/products/get', { external_id: 'y' }, a.read), 404, 4, 'NOT_FOUND');
    expectFailure(
      await call('market/products/import', { data: [{ external_id: 'z', name: 'Z' }] }, a.read),
      403,
      3,
      'FORBIDDEN',
    );
  });

  it('runs a CSV feed on the worker and reports the task; a broken feed fails naming its row and changes nothing', async () => {
    const csv =
      'type,external_id,name,parent_external_id,price,categories\ncategory,cases,Cases,phones,,\nproduct,case-1,Case,,9.99,cases\n';
    const started = await ok<{ task_id: number; schedule_id: number | null }>(
      'market/products/feed_import',
      { format: 'csv', content: csv },
      a.integration,
    );
    expect(started.schedule_id).toBeNull();
    expect(await finishedTask(started.task_id, a.read)).toMatchObject({
      status: 'done',
      progress: 100,
      result: { categories: 1, products: 1, skus: 0 },
      errors: [],
    });
    expect(await ok('market/products/get', { external_id: 'case-1' }, a.read)).toMatchObject({
      price: '9.99',
      categories: ['cases'],
    });

    const broken = 'external_id,name,price\ncase-2,Case 2,1.00\ncase-3,Case 3,12.5.1\n';
    const failed = await ok<{ task_id: number }>(
      'market/products/feed_import',
      { format: 'csv', content: broken },
      a.admin,
    );
    const task = await finishedTask(failed.task_id, a.read);
    expect(task).toMatchObject({
      status: 'failed',
      errors: [{ error_code: 'VALIDATION_FAILED', details: { position: 2, line: 3 } }],
    });
    expectFailure(await call('market/products/get', { external_id: 'case-2' }, a.read), 404, 4, 'NOT_FOUND');
  });

  it('lists the members of a dynamic segment', async () => {
    const { id } = await ok<{ id: number }>('market/product_segments/create', {
      name: 'Phones from 1000',
      entity: 'product',
      kind: 'dynamic',
      conditions: {
        all: [
          { field: 'category', op: 'eq', value: 'phones' },
          { field: 'price', op: 'gte', value: '1000.00' },
        ],
      },
    });
    expect(await ok('market/product_segments/members', { segment_id: id }, a.read)).toEqual({
      items: ['iphone17'],
      next_from_id: null,
    });
    const bad = expectFailure(
      await call(
        'market/product_segments/create',
        { name: 'Bad', entity: 'product', kind: 'dynamic', conditions: { field: 'colour', op: 'eq', value: 1 } },
        a.admin,
      ),
      400,
      1,
      'VALIDATION_FAILED',
    );
    expect(bad.details.fields?.[0].path).toBe('conditions.field');
  });

  it('keeps accounts apart: another account gets 404 for products, segments and tasks', async () => {
    expectFailure(await call('market/products/get', { external_id: 'iphone17' }, b.read), 404, 4, 'NOT_FOUND');
    expectFailure(await call('market/product_segments/get', { segment_id: 1 }, b.read), 404, 4, 'NOT_FOUND');
    expectFailure(await call('tasks/get', { task_id: 1 }, b.read), 404, 4, 'NOT_FOUND');
    expect(await ok('market/products/list', {}, b.read)).toEqual({ items: [], next_from_id: null, total_count: 0 });
  });
});
