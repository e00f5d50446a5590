import { Readable } from 'node:stream';
import { DomainError } from '@loyalty/kernel';
import type { FeedRecord } from '../feed-record';
import { chunkedSource } from '../chunked-source';
import { FeedFormatError } from '../feed-format-error';
import { readYmlFeed } from './yml-feed-reader';

async function read(text: string | Buffer, chunkSize?: number): Promise<FeedRecord[]> {
  const records: FeedRecord[] = [];
  for await (const record of readYmlFeed(chunkedSource(text, chunkSize))) {
    records.push(record);
  }
  return records;
}

async function failure(text: string): Promise<{ error: FeedFormatError; before: FeedRecord[] }> {
  const before: FeedRecord[] = [];
  try {
    for await (const record of readYmlFeed(chunkedSource(text))) {
      before.push(record);
    }
  } catch (error) {
    if (error instanceof FeedFormatError) {
      return { error, before };
    }
    throw error;
  }
  throw new Error('the feed was read without an error');
}

function feed(offers: string, categories = ''): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE yml_catalog SYSTEM "shops.dtd">',
    '<yml_catalog date="2026-01-01 10:00">',
    '<shop>',
    '<currencies><currency id="RUB" rate="1"/></currencies>',
    `<categories>${categories}</categories>`,
    `<offers>${offers}</offers>`,
    '</shop>',
    '</yml_catalog>',
  ].join('\n');
}

function items(records: FeedRecord[]) {
  return records.flatMap((record) => (record.kind === 'item' ? [record.item] : []));
}

describe('readYmlFeed', () => {
  it('reads categories with their parent, numbered apart from the offers', async () => {
    const records = await read(
      feed(
        '<offer id="1"><name>A</name></offer>',
        '\n<category id="1">Clothes</category>\n<category id="2" parentId="1"> Shirts </category>\n',
      ),
    );
    expect(records).toEqual([
      { kind: 'category', position: 1, line: 7, category: { external_id: '1', name: 'Clothes' } },
      {
        kind: 'category',
        position: 2,
        line: 8,
        category: { external_id: '2', name: 'Shirts', parent_external_id: '1' },
      },
      { kind: 'item', position: 1, line: 10, item: { external_id: '1', name: 'A', is_available: true } },
    ]);
  });

  it('maps every field of a product offer', async () => {
    const offer = `<offer id="p1" available="false" type="vendor.model" bid="3">
      <name>Kettle &amp; cup</name>
      <vendor>Acme</vendor>
      <url>https://shop.example.com/p1?a=1&amp;b=2</url>
      <price>1999.90</price>
      <oldprice>2500</oldprice>
      <currencyId>RUB</currencyId>
      <categoryId>10</categoryId>
      <categoryId>11</categoryId>
      <picture>https://img.example.com/1.jpg</picture>
      <picture>https://img.example.com/2.jpg</picture>
      <count>7</count>
      <description><![CDATA[<p>Boils <b>fast</b></p>]]></description>
      <barcode>4600000000001</barcode>
      <barcode>4600000000002</barcode>
      <param name="Color">red</param>
      <param name="Volume" unit="l">1.7</param>
      <sales_notes>ignored</sales_notes>
    </offer>`;
    expect(items(await read(feed(offer)))).toEqual([
      {
        external_id: 'p1',
        name: 'Kettle & cup',
        is_available: false,
        manufacturer_name: 'Acme',
        url: 'https://shop.example.com/p1?a=1&b=2',
        price: '1999.90',
        old_price: '2500',
        currency: 'RUB',
        categories: ['10', '11'],
        pictures: ['https://img.example.com/1.jpg', 'https://img.example.com/2.jpg'],
        count: 7,
        description: '<p>Boils <b>fast</b></p>',
        barcode: '4600000000001',
        custom_fields: { Color: 'red', Volume: '1.7' },
      },
    ]);
  });

  it('leaves out empty and missing elements and defaults is_available to true', async () => {
    const offer = '<offer id="p1"><name>A</name><price></price><vendor/><param name="Color"></param></offer>';
    expect(items(await read(feed(offer)))).toEqual([{ external_id: 'p1', name: 'A', is_available: true }]);
  });

  it('turns offers sharing a group_id into SKUs, the first one also yielding the product', async () => {
    const offers = [
      '<offer id="s1" group_id="g1"><name>Shirt S</name><vendor>Acme</vendor><price>10</price><categoryId>5</categoryId><param name="Size">S</param></offer>',
      '<offer id="p1"><name>Other</name></offer>',
      '<offer id="s2" group_id="g1" available="false"><name>Shirt M</name><price>11</price></offer>',
    ].join('\n');
    const records = await read(feed(offers));
    expect(records.map(({ position, line }) => [position, line])).toEqual([
      [1, 7],
      [1, 7],
      [2, 8],
      [3, 9],
    ]);
    expect(items(records)).toEqual([
      { external_id: 'g1', name: 'Shirt S', categories: ['5'], manufacturer_name: 'Acme' },
      {
        external_id: 's1',
        product_external_id: 'g1',
        name: 'Shirt S',
        is_available: true,
        manufacturer_name: 'Acme',
        price: '10',
        categories: ['5'],
        custom_fields: { Size: 'S' },
      },
      { external_id: 'p1', name: 'Other', is_available: true },
      { external_id: 's2', product_external_id: 'g1', name: 'Shirt M', is_available: false, price: '11' },
    ]);
  });

  it('names a vendor.model offer without <name> from typePrefix, vendor and model', async () => {
    const offer =
      '<offer id="m1" type="vendor.model"><typePrefix>Phone</typePrefix><vendor>Acme</vendor><model>X 10</model></offer>';
    expect(items(await read(feed(offer)))[0]?.name).toBe('Phone Acme X 10');
  });

  it('reads the same records whatever the chunk size, even with characters split between chunks', async () => {
    const text = feed(
      '<offer id="1"><name>Чайник «Ёж»</name><param name="Цвет">красный</param></offer>\n<offer id="2"><name>Ёлка</name></offer>',
      '<category id="1">Посуда</category>',
    );
    expect(await read(text, 1)).toEqual(await read(text));
    expect(items(await read(text, 3))[0]).toEqual({
      external_id: '1',
      name: 'Чайник «Ёж»',
      is_available: true,
      custom_fields: { Цвет: 'красный' },
    });
  });

  it('reads a windows-1251 document as its declaration says', async () => {
    const text = feed('<offer id="1"><name>Чайник</name></offer>').replace('UTF-8', 'windows-1251');
    const cp1251 = Buffer.from(
      [...text].map((char) =>
        char === 'Ч'
          ? 0xd7
          : char === 'а'
            ? 0xe0
            : char === 'й'
              ? 0xe9
              : char === 'н'
                ? 0xed
                : char === 'и'
                  ? 0xe8
                  : char === 'к'
                    ? 0xea
                    : char.charCodeAt(0),
      ),
    );
    expect(items(await read(cp1251, 5))[0]?.name).toBe('Чайник');
  });

  it('reads string chunks too', async () => {
    const records: FeedRecord[] = [];
    for await (const record of readYmlFeed(Readable.from([feed('<offer id="1"><name>A</name></offer>')]))) {
      records.push(record);
    }
    expect(records).toHaveLength(1);
  });

  describe('errors', () => {
    it('names the offer, the line and the element of a price that is not a decimal', async () => {
      const offers =
        '<offer id="1"><name>A</name></offer>\n<offer id="2">\n<name>B</name>\n<price>12,5</price>\n</offer>';
      const { error, before } = await failure(feed(offers));
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toBe('offer 2 (line 10): price "12,5" is not a decimal');
      expect(error.details).toEqual({ position: 2, line: 10, element: 'price' });
      expect(before.map((record) => record.position)).toEqual([1]);
    });

    it.each([
      ['<oldprice>1e3</oldprice>', 'oldprice "1e3" is not a decimal', 'oldprice'],
      ['<price>-5</price>', 'price "-5" is not a decimal', 'price'],
      ['<count>2.5</count>', 'count "2.5" is not a whole number', 'count'],
      ['<price>1</price><price>2</price>', '<price> appears more than once', 'price'],
      ['<param>red</param>', '<param> has no name attribute', 'param'],
      ['<param name="C">a</param><param name="C">b</param>', '<param name="C"> appears more than once', 'param'],
    ])('rejects %s', async (fields, problem, element) => {
      const { error } = await failure(feed(`<offer id="1"><name>A</name>${fields}</offer>`));
      expect(error.message).toBe(`offer 1 (line 7): ${problem}`);
      expect(error.details).toEqual({ position: 1, line: 7, element });
    });

    it.each([
      ['<offer><name>A</name></offer>', 'the offer has no id attribute', 'offer'],
      [
        '<offer id="1" available="yes"><name>A</name></offer>',
        'available "yes" is not true, false, 1 or 0',
        'available',
      ],
      ['<offer id="1"><price>1</price></offer>', 'the offer has no <name> (nor <model>)', 'name'],
    ])('rejects the offer %s', async (offer, problem, element) => {
      const { error } = await failure(feed(`\n${offer}`));
      expect(error.message).toBe(`offer 1 (line 8): ${problem}`);
      expect(error.details).toEqual({ position: 1, line: 8, element });
    });

    it.each([
      ['<category>Shirts</category>', 'the category has no id attribute'],
      ['<category id="3"> </category>', 'category "3" has no name'],
    ])('rejects the category %s', async (category, problem) => {
      const { error } = await failure(feed('', `<category id="1">A</category>\n${category}`));
      expect(error.message).toBe(`category 2 (line 7): ${problem}`);
      expect(error.details).toEqual({ position: 2, line: 7, element: 'category' });
    });

    it('names the offer and line of malformed XML', async () => {
      const offers = '<offer id="1"><name>A</name></offer>\n<offer id="2">\n<name>B</nam>\n</offer>';
      const { error } = await failure(feed(offers));
      expect(error.message).toMatch(/^offer 2 \(line 9\): malformed XML: unexpected close tag/);
      expect(error.details).toEqual({ position: 2, line: 9, element: 'offer' });
    });

    it('names the line of malformed XML outside any offer', async () => {
      const { error } = await failure('<yml_catalog>\n<shop>\n&nbsp;</shop></yml_catalog>');
      expect(error.message).toMatch(/^line 3: malformed XML: undefined entity/);
      expect(error.details).toEqual({ position: null, line: 3, element: 'shop' });
    });

    it('rejects a document that ends early', async () => {
      const { error } = await failure('<yml_catalog><shop><offers><offer id="1"><name>A</name>');
      expect(error.message).toMatch(/^offer 1 \(line 1\): malformed XML: unclosed tag: offer/);
    });

    it('rejects a document that is not YML', async () => {
      const { error } = await failure('<?xml version="1.0"?>\n<catalog/>');
      expect(error.message).toBe('line 2: the root element is <catalog>, not <yml_catalog>');
    });

    it('rejects an encoding it does not know', async () => {
      const { error } = await failure('<?xml version="1.0" encoding="x-unknown"?><yml_catalog/>');
      expect(error.message).toMatch(/^line 1: unsupported encoding/);
    });

    it('rejects bytes that are not UTF-8', async () => {
      const bytes = Buffer.concat([
        Buffer.from('<yml_catalog><shop>'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('</shop></yml_catalog>'),
      ]);
      const records = readYmlFeed(Readable.from([bytes]));
      await expect(records.next()).rejects.toThrow('line 1: the bytes are not valid in the declared encoding');
    });
  });
});
