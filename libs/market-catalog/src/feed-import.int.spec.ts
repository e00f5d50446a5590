import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetTask, JobQueues, TaskProgress } from '@loyalty/platform';
import type { IntegrationContext } from '@loyalty/testing';
import {
  createMarketTestContext,
  fieldFailureOf,
  MARKET_TEST_NOW,
  MarketTestContext,
} from './test-support/market-test-context';
import { CatalogItem } from './entities/catalog-item.entity';
import { FeedSchedule } from './entities/feed-schedule.entity';
import { FEED_IMPORT_TASK, feedScheduleJobId } from './feed-import/feed-import-jobs';
import { FEED_TASK_STALE_MS, RunFeedImport } from './feed-import/run-feed-import.use-case';
import { FeedImportInput, StartFeedImport } from './feed-import/start-feed-import.use-case';
import { CreateCustomField } from './use-cases/create-custom-field.use-case';
import { CreateMarketCurrency } from './use-cases/create-market-currency.use-case';

const SMALL_YML = `<?xml version="1.0" encoding="UTF-8"?>
<yml_catalog date="2026-11-25 10:00"><shop>
<currencies><currency id="RUB" rate="1"/></currencies>
<categories><category id="1">Phones</category><category id="2" parentId="1">Smartphones</category></categories>
<offers>
<offer id="p1" available="true"><name>Phone</name><price>100.50</price><currencyId>RUB</currencyId><categoryId>2</categoryId></offer>
<offer id="s1" group_id="g1"><name>Case S</name><price>10</price><currencyId>RUB</currencyId><categoryId>1</categoryId><param name="size">S</param></offer>
<offer id="s2" group_id="g1" available="false"><name>Case M</name><price>12</price><currencyId>RUB</currencyId><categoryId>1</categoryId><param name="size">M</param></offer>
</offers></shop></yml_catalog>`;

describe('feed import (real PostgreSQL and Redis)', () => {
  let market: MarketTestContext;
  let ctx: IntegrationContext;
  let accountId: number;
  let dir: string;
  let server: Server;
  let baseUrl: string;
  const as = <T>(fn: () => Promise<T>, account = accountId) => ctx.asAccount(account, fn);
  const failureOf = fieldFailureOf;
  const itemCount = (account: number) => ctx.em().count(CatalogItem, { account }, { filters: false });

  async function newAccount(name: string): Promise<number> {
    const id = await market.newAccount(name);
    await as(() => ctx.get(CreateMarketCurrency).execute({ code: 'RUB' }), id);
    for (const entity_type of ['product', 'sku'] as const) {
      for (const field of ['color', 'size', 'material']) {
        await as(
          () =>
            ctx.get(CreateCustomField).execute({ external_id: field, name: field, entity_type, value_type: 'string' }),
          id,
        );
      }
    }
    return id;
  }

  async function runFeed(input: FeedImportInput, account = accountId) {
    const { task_id } = await as(() => ctx.get(StartFeedImport).execute(input), account);
    const outcome = await ctx.get(RunFeedImport).execute(task_id);
    return { outcome, task: await as(() => ctx.get(GetTask).execute(task_id), account), taskId: task_id };
  }

  function generate(format: 'yml' | 'csv', count: number, brokenAt?: number): string {
    const file = join(dir, `${format}-${count}-${brokenAt ?? 'ok'}.${format}`);
    const args = ['tools/generate-feed.mjs', '--format', format, '--count', String(count), '--out', file];
    if (brokenAt) args.push('--broken-at', String(brokenAt));
    execFileSync(process.execPath, args, { cwd: join(__dirname, '../../..') });
    return file;
  }

  beforeAll(async () => {
    market = await createMarketTestContext('market-feeds', {
      env: { ALLOW_PRIVATE_URLS: 'true' },
      providers: [GetTask],
    });
    ctx = market.ctx;
    accountId = await newAccount('Shop');
    dir = mkdtempSync(join(tmpdir(), 'feeds-'));
    server = createServer((request, response) => {
      const file = join(dir, decodeURIComponent((request.url ?? '/').slice(1)));
      try {
        response.writeHead(200, { 'content-length': statSync(file).size });
        createReadStream(file).pipe(response);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
    await ctx.close();
  });

  it('imports uploaded YML content as a task: categories, products, SKU groups and their product', async () => {
    const { outcome, task } = await runFeed({ format: 'yml', content: SMALL_YML });
    expect(outcome).toBe('done');
    expect(task).toMatchObject({
      status: 'done',
      progress: 100,
      result: { categories: 2, products: 2, skus: 2 },
      errors: [],
    });
    const items = await ctx.em().find(CatalogItem, { account: accountId }, { filters: false, orderBy: { id: 'asc' } });
    expect(
      items.map((item) => [
        item.kind,
        item.externalId,
        item.productExternalId,
        item.price,
        item.isAvailable,
        item.categories,
      ]),
    ).toEqual([
      ['product', 'p1', null, 10050n, true, ['2']],
      ['product', 'g1', null, null, true, ['1']],
      ['sku', 's1', 'g1', 1000n, true, ['1']],
      ['sku', 's2', 'g1', 1200n, false, ['1']],
    ]);
    expect(items[2].customFields).toEqual({ size: 'S' });
  });

  it('reads feed params as the types their custom fields declare', async () => {
    const account = await newAccount('Typed params');
    for (const [external_id, value_type] of [
      ['gift', 'bool'],
      ['colors', 'list'],
    ] as const) {
      await as(
        () =>
          ctx.get(CreateCustomField).execute({ external_id, name: external_id, entity_type: 'product', value_type }),
        account,
      );
    }
    const yml = SMALL_YML.replace(
      '<categoryId>2</categoryId></offer>',
      '<categoryId>2</categoryId><param name="gift">true</param><param name="colors">red|blue</param></offer>',
    );
    expect((await runFeed({ format: 'yml', content: yml }, account)).task.status).toBe('done');
    const phone = await ctx.em().findOneOrFail(CatalogItem, { account, externalId: 'p1' }, { filters: false });
    expect(phone.customFields).toEqual({ gift: true, colors: ['red', 'blue'] });
  });

  it('runs a task once: a second job for the same task is skipped', async () => {
    const { taskId } = await runFeed({ format: 'yml', content: SMALL_YML });
    expect(await ctx.get(RunFeedImport).execute(taskId)).toBe('skipped');
  });

  it('queues again a task whose worker stopped beating, and then imports it once', async () => {
    const account = await newAccount('Crashed worker');
    const { task_id } = await as(
      () => ctx.get(StartFeedImport).execute({ format: 'yml', content: SMALL_YML }),
      account,
    );
    const em = ctx.em();
    const claimedAt = new Date(MARKET_TEST_NOW.getTime() - FEED_TASK_STALE_MS - 1);
    expect(await TaskProgress.claim(em, task_id, claimedAt)).not.toBeNull();
    expect(await ctx.get(RunFeedImport).execute(task_id)).toBe('skipped');
    expect(
      await TaskProgress.requeueStale(em, FEED_IMPORT_TASK, new Date(MARKET_TEST_NOW.getTime() - FEED_TASK_STALE_MS)),
    ).toEqual([task_id]);
    expect(await TaskProgress.requeueStale(em, FEED_IMPORT_TASK, MARKET_TEST_NOW)).toEqual([]);
    expect(await ctx.get(RunFeedImport).execute(task_id)).toBe('done');
    expect(await itemCount(account)).toBe(4);
    const alive = (await as(() => ctx.get(StartFeedImport).execute({ format: 'yml', content: SMALL_YML }), account))
      .task_id;
    await TaskProgress.claim(em, alive, MARKET_TEST_NOW);
    expect(
      await TaskProgress.requeueStale(em, FEED_IMPORT_TASK, new Date(MARKET_TEST_NOW.getTime() - FEED_TASK_STALE_MS)),
    ).toEqual([]);
  });

  it('fails a malformed feed naming the position and line, and changes nothing', async () => {
    const account = await newAccount('Malformed');
    const broken = SMALL_YML.replace('<price>12</price>', '<price>12,5</price>');
    const { outcome, task } = await runFeed({ format: 'yml', content: broken }, account);
    expect(outcome).toBe('failed');
    expect(task.status).toBe('failed');
    expect(task.errors).toEqual([
      expect.objectContaining({
        error_code: 'VALIDATION_FAILED',
        message: 'offer 3 (line 8): price "12,5" is not a decimal',
        details: expect.objectContaining({ position: 3, line: 8, element: 'price' }),
      }),
    ]);
    const unknownCategory = SMALL_YML.replace('<categoryId>2</categoryId>', '<categoryId>9</categoryId>');
    const second = await runFeed({ format: 'yml', content: unknownCategory }, account);
    expect(second.task.errors).toEqual([
      expect.objectContaining({
        error_code: 'UNKNOWN_REFERENCE',
        message: 'offer 1 (line 6).categories[0]: no category "9"',
      }),
    ]);
    expect(await itemCount(account)).toBe(0);
  });

  it('refuses bad requests with coded errors', async () => {
    const start = (input: FeedImportInput) => failureOf(as(() => ctx.get(StartFeedImport).execute(input)));
    expect(await start({ format: 'yml' })).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'content', message: 'send either content or url' }],
    });
    expect((await start({ format: 'yml', content: 'x', url: 'https://shop.example/feed' })).code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await start({ format: 'yml', url: 'ftp://shop.example/feed' })).fields).toEqual([
      { path: 'url', message: 'must be an http or https URL' },
    ]);
    expect(
      (await start({ format: 'yml', content: 'x', schedule: { cron: '0 3 * * *', timezone: 'UTC' } })).fields,
    ).toEqual([{ path: 'schedule', message: 'a schedule needs a url to fetch the feed from' }]);
    expect(
      (await start({ format: 'yml', url: 'https://shop.example/f', schedule: { cron: '0 3 * *', timezone: 'UTC' } }))
        .fields,
    ).toEqual([{ path: 'schedule.cron', message: 'must have 5 or 6 fields' }]);
    expect(
      (
        await start({
          format: 'yml',
          url: 'https://shop.example/f',
          schedule: { cron: '0 3 * * *', timezone: 'Mars/Olympus' },
        })
      ).code,
    ).toBe('VALIDATION_FAILED');
  });

  it('records a schedule and its cron job scheduler in the schedule time zone', async () => {
    const { schedule_id } = await as(() =>
      ctx.get(StartFeedImport).execute({
        format: 'csv',
        url: `${baseUrl}/none.csv`,
        schedule: { cron: '0 3 * * *', timezone: 'Europe/Moscow' },
      }),
    );
    const row = await ctx.em().findOneOrFail(FeedSchedule, { id: schedule_id as number }, { filters: false });
    expect([row.format, row.cron, row.timezone]).toEqual(['csv', '0 3 * * *', 'Europe/Moscow']);
    const scheduler = await ctx
      .get(JobQueues)
      .queue('imports')
      .getJobScheduler(feedScheduleJobId(schedule_id as number));
    expect(scheduler).toMatchObject({ pattern: '0 3 * * *', tz: 'Europe/Moscow', name: 'imports.feed.tick' });
    const again = await as(() =>
      ctx
        .get(StartFeedImport)
        .execute({ format: 'csv', url: `${baseUrl}/none.csv`, schedule: { cron: '30 4 * * 1', timezone: 'UTC' } }),
    );
    expect(again.schedule_id).toBe(schedule_id);
    expect(await ctx.em().count(FeedSchedule, { account: accountId }, { filters: false })).toBe(1);
    const moved = await ctx
      .get(JobQueues)
      .queue('imports')
      .getJobScheduler(feedScheduleJobId(schedule_id as number));
    expect(moved).toMatchObject({ pattern: '30 4 * * 1', tz: 'UTC' });
  });

  it.each(['yml', 'csv'] as const)(
    'imports a 100,000-record %s feed from a URL in one task',
    async (format) => {
      const account = await newAccount(`Big ${format}`);
      const file = generate(format, 100_000);
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
      const started = process.hrtime.bigint();
      const { task } = await runFeed({ format, url: `${baseUrl}/${file.split('/').pop()}` }, account);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      clearInterval(sampler);
      expect(task).toMatchObject({ status: 'done', progress: 100 });
      const result = task.result as { categories: number; products: number; skus: number };
      expect(result.categories).toBe(500);
      expect(await itemCount(account)).toBe(result.products + result.skus);
      expect(result.products + result.skus).toBeGreaterThanOrEqual(format === 'yml' ? 100_000 : 99_500);
      console.info(
        `${format} feed: ${statSync(file).size} bytes, ${result.products} products + ${result.skus} SKUs in ${seconds.toFixed(1)} s, peak RSS ${Math.round(peakRss / 1048576)} MiB`,
      );
    },
    240_000,
  );

  it('imports nothing from a 100,000-offer feed broken at offer 50,001 and names the position', async () => {
    const account = await newAccount('Broken');
    const file = generate('yml', 100_000, 50_001);
    const { task } = await runFeed({ format: 'yml', url: `${baseUrl}/${file.split('/').pop()}` }, account);
    expect(task.status).toBe('failed');
    expect(task.errors[0]).toMatchObject({ error_code: 'VALIDATION_FAILED', details: { position: 50_001 } });
    expect(String(task.errors[0]['message'])).toContain('offer 50001');
    expect(await itemCount(account)).toBe(0);
  }, 240_000);
});
