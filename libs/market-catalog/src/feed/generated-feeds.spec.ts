import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FeedRecord, FeedSource } from './feed-record';
import { FeedFormatError } from './feed-format-error';
import { readCsvFeed } from './csv/csv-feed-reader';
import { readYmlFeed } from './yml/yml-feed-reader';

/** The 100,000-record feeds of tools/generate-feed.mjs, read end to end. */
const GENERATOR = resolve(__dirname, '../../../../tools/generate-feed.mjs');
const COUNT = 100_000;
const BROKEN_AT = 50_001;

interface Tally {
  categories: number;
  products: number;
  skus: number;
  lastPosition: number;
}

async function tally(records: AsyncIterable<FeedRecord>): Promise<Tally> {
  const counts: Tally = { categories: 0, products: 0, skus: 0, lastPosition: 0 };
  for await (const record of records) {
    if (record.kind === 'category') {
      counts.categories += 1;
    } else {
      counts[record.item.product_external_id === undefined ? 'products' : 'skus'] += 1;
      counts.lastPosition = record.position;
    }
  }
  return counts;
}

async function failureOf(records: AsyncIterable<FeedRecord>): Promise<FeedFormatError> {
  try {
    await tally(records);
  } catch (error) {
    if (error instanceof FeedFormatError) return error;
    throw error;
  }
  throw new Error('the feed was read without an error');
}

describe('generated feeds', () => {
  let dir: string;
  const generate = (format: 'yml' | 'csv', ...extra: string[]): FeedSource => {
    const out = join(dir, `${format}-${extra.join('-') || 'ok'}.${format}`);
    execFileSync(process.execPath, [GENERATOR, '--format', format, '--count', String(COUNT), '--out', out, ...extra]);
    return createReadStream(out);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feeds-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a 100,000-offer YML feed', async () => {
    // Of every 10 offers, 3 are SKUs of one group whose first offer also yields the group's product.
    expect(await tally(readYmlFeed(generate('yml')))).toEqual({
      categories: 500,
      products: 70_000 + 10_000,
      skus: 30_000,
      lastPosition: COUNT,
    });
  }, 120_000);

  it('reads a 100,000-row CSV feed', async () => {
    // 500 category rows, then repeating blocks of 11 rows: a group's product, its 3 SKUs, 7 products.
    expect(await tally(readCsvFeed(generate('csv')))).toEqual({
      categories: 500,
      products: 9046 + 63_316,
      skus: 27_138,
      lastPosition: COUNT,
    });
  }, 120_000);

  it.each(['yml', 'csv'] as const)(
    'stops a %s feed broken at record 50,001 there',
    async (format) => {
      const reader = format === 'yml' ? readYmlFeed : readCsvFeed;
      const error = await failureOf(reader(generate(format, '--broken-at', String(BROKEN_AT))));
      expect(error.details).toMatchObject({ position: BROKEN_AT, element: 'price' });
      expect(error.message).toMatch(
        new RegExp(`^(offer|row) ${BROKEN_AT} \\(line \\d+\\): price "12,5" is not a decimal$`),
      );
    },
    120_000,
  );
});
