#!/usr/bin/env node
// Writes a deterministic catalog feed for tests and benchmarks of the feed readers
// (libs/market-catalog/src/feed), streamed so that any size fits in memory.
//
//   node tools/generate-feed.mjs --format yml|csv --count 100000 [--broken-at 50001] [--out file]
//
// 500 categories in a tree (5 children a node), then offers: of every 10, the first 3 are the
// SKUs of one group (G1, G2, ...) and the other 7 are products. --count is the number of records
// the reader numbers: <offer> elements in YML, data rows in CSV (the 500 category rows first, then
// for each group its product row and its 3 SKU rows, then the products). --broken-at N gives the
// Nth of them a price of "12,5" (a CSV category row gets an empty name instead). Without --out
// the feed goes to stdout.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const CATEGORY_COUNT = 500;
const CATEGORY_CHILDREN = 5;
const GROUP_EVERY = 10;
const GROUP_SIZES = ['S', 'M', 'L'];
const COLORS = ['red', 'green', 'blue'];
const BROKEN_PRICE = '12,5';
const CSV_COLUMNS = [
  'type',
  'external_id',
  'name',
  'parent_external_id',
  'product_external_id',
  'price',
  'old_price',
  'currency',
  'categories',
  'tags',
  'is_available',
  'count',
  'url',
  'description',
  'manufacturer_name',
  'barcode',
  'pictures',
  'cf:color',
  'cf:size',
  'cf:material',
];

function readOptions() {
  const { values } = parseArgs({
    options: {
      format: { type: 'string' },
      count: { type: 'string', default: '100000' },
      'broken-at': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const count = Number(values.count);
  const brokenAt = values['broken-at'] === undefined ? undefined : Number(values['broken-at']);
  if (values.format !== 'yml' && values.format !== 'csv') fail('--format must be yml or csv');
  if (!Number.isSafeInteger(count) || count < 0) fail('--count must be a whole number');
  if (brokenAt !== undefined && !(Number.isSafeInteger(brokenAt) && brokenAt >= 1))
    fail('--broken-at must be 1 or more');
  return { format: values.format, count, brokenAt, out: values.out };
}

function fail(message) {
  process.stderr.write(`generate-feed: ${message}\n`);
  process.exit(2);
}

function categoryParent(id) {
  return id <= CATEGORY_CHILDREN ? undefined : Math.ceil(id / CATEGORY_CHILDREN) - 1;
}

/** Offer n (1-based) of the catalog; prices are built as text, never computed as floats. */
function offer(n) {
  const slot = (n - 1) % GROUP_EVERY;
  const group = slot < GROUP_SIZES.length ? Math.floor((n - 1) / GROUP_EVERY) + 1 : undefined;
  const whole = 100 + ((n * 37) % 9000);
  const cents = String((n * 13) % 100).padStart(2, '0');
  const categories = [String(1 + ((n * 7) % CATEGORY_COUNT))];
  if (n % 5 === 0) categories.push(String(1 + ((n * 11) % CATEGORY_COUNT)));
  const pictures = [`https://img.example.com/${n}/1.jpg`];
  if (n % 3 === 0) pictures.push(`https://img.example.com/${n}/2.jpg`);
  const params = {};
  if (group === undefined) {
    if (n % 2 === 0) params.material = n % 4 === 0 ? 'cotton' : 'wool';
  } else {
    params.color = COLORS[group % COLORS.length];
    params.size = GROUP_SIZES[slot];
  }
  return {
    id: `O${n}`,
    group: group === undefined ? undefined : `G${group}`,
    name: group === undefined ? `Product ${n} «Товар №${n}»` : `Shirt ${group} size ${GROUP_SIZES[slot]}`,
    groupName: `Shirt ${group}`,
    available: n % 17 !== 0,
    price: `${whole}.${cents}`,
    oldPrice: n % 4 === 0 ? `${whole + 100}.${cents}` : undefined,
    count: n % 100,
    categories,
    pictures,
    vendor: `Vendor ${1 + (n % 50)}`,
    url: `https://shop.example.com/p/${n}?ref=feed&v=1`,
    description: n % 1000 === 0 ? `Offer ${n}, "special" <b>&</b>\nsecond line` : `Offer ${n}, "best" <b>&</b>`,
    barcode: `460${String(n).padStart(10, '0')}`,
    params,
  };
}

function xml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function* ymlFeed({ count, brokenAt }) {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<yml_catalog date="2026-01-01T00:00:00+03:00">\n<shop>\n<name>Feed shop</name>\n';
  yield '<currencies>\n<currency id="RUB" rate="1"/>\n</currencies>\n<categories>\n';
  for (let id = 1; id <= CATEGORY_COUNT; id += 1) {
    const parent = categoryParent(id);
    yield `<category id="${id}"${parent === undefined ? '' : ` parentId="${parent}"`}>Category ${id} Категория</category>\n`;
  }
  yield '</categories>\n<offers>\n';
  for (let n = 1; n <= count; n += 1) {
    const o = offer(n);
    const group = o.group === undefined ? '' : ` group_id="${o.group}"`;
    let text = `<offer id="${o.id}" available="${o.available}"${group}>\n`;
    text += `<name>${xml(o.name)}</name>\n<vendor>${xml(o.vendor)}</vendor>\n<url>${xml(o.url)}</url>\n`;
    text += `<price>${n === brokenAt ? BROKEN_PRICE : o.price}</price>\n`;
    if (o.oldPrice !== undefined) text += `<oldprice>${o.oldPrice}</oldprice>\n`;
    text += '<currencyId>RUB</currencyId>\n';
    for (const category of o.categories) text += `<categoryId>${category}</categoryId>\n`;
    for (const picture of o.pictures) text += `<picture>${xml(picture)}</picture>\n`;
    text += `<count>${o.count}</count>\n`;
    text +=
      n % 2 === 0
        ? `<description><![CDATA[${o.description}]]></description>\n`
        : `<description>${xml(o.description)}</description>\n`;
    text += `<barcode>${o.barcode}</barcode>\n`;
    for (const [name, value] of Object.entries(o.params)) text += `<param name="${name}">${xml(value)}</param>\n`;
    yield `${text}</offer>\n`;
  }
  yield '</offers>\n</shop>\n</yml_catalog>\n';
}

function csvCell(value) {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(values) {
  return `${CSV_COLUMNS.map((column) => csvCell(values[column])).join(',')}\n`;
}

/** The item rows after the categories: for each group its product row, then its SKUs, then the products. */
function* csvItems() {
  for (let n = 1; ; n += 1) {
    const o = offer(n);
    if (o.group !== undefined && (n - 1) % GROUP_EVERY === 0) {
      yield {
        type: 'product',
        external_id: o.group,
        name: o.groupName,
        categories: o.categories[0],
        manufacturer_name: o.vendor,
      };
    }
    yield {
      type: o.group === undefined ? 'product' : 'sku',
      external_id: o.id,
      name: o.name,
      product_external_id: o.group,
      price: o.price,
      old_price: o.oldPrice,
      currency: 'RUB',
      categories: o.categories.join('|'),
      tags: n % 7 === 0 ? 'new|sale' : 'new',
      is_available: o.available ? (n % 2 === 0 ? 'true' : '1') : 'false',
      count: o.count,
      url: o.url,
      description: o.description,
      manufacturer_name: o.vendor,
      barcode: o.barcode,
      pictures: o.pictures.join('|'),
      'cf:color': o.params.color,
      'cf:size': o.params.size,
      'cf:material': o.params.material,
    };
  }
}

function* csvFeed({ count, brokenAt }) {
  yield `${CSV_COLUMNS.join(',')}\n`;
  const items = csvItems();
  for (let row = 1; row <= count; row += 1) {
    if (row <= CATEGORY_COUNT) {
      const name = row === brokenAt ? '' : `Category ${row}, Категория`;
      yield csvRow({ type: 'category', external_id: String(row), name, parent_external_id: categoryParent(row) });
    } else {
      const values = items.next().value;
      yield csvRow(row === brokenAt ? { ...values, price: BROKEN_PRICE } : values);
    }
  }
}

async function writeAll(out, chunks) {
  let batch = '';
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= 64 * 1024) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.write(batch);
}

const options = readOptions();
const out = options.out === undefined ? process.stdout : createWriteStream(options.out);
await writeAll(out, options.format === 'yml' ? ymlFeed(options) : csvFeed(options));
if (out !== process.stdout) {
  out.end();
  await once(out, 'finish');
}
