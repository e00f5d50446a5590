import { Readable } from 'node:stream';
import { DomainError } from '@loyalty/kernel';
import type { FeedRecord } from '../feed-record';
import { chunkedSource } from '../chunked-source';
import { FeedFormatError } from '../feed-format-error';
import { readCsvFeed } from './csv-feed-reader';

async function read(text: string, chunkSize?: number): Promise<FeedRecord[]> {
  const records: FeedRecord[] = [];
  for await (const record of readCsvFeed(chunkedSource(text, chunkSize))) {
    records.push(record);
  }
  return records;
}

async function failure(text: string): Promise<{ error: FeedFormatError; before: FeedRecord[] }> {
  const before: FeedRecord[] = [];
  try {
    for await (const record of readCsvFeed(chunkedSource(text))) {
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

const lines = (...rows: string[]) => rows.join('\n') + '\n';

describe('readCsvFeed', () => {
  it('maps every documented column of an item row', async () => {
    const text = lines(
      'type,external_id,name,product_external_id,price,old_price,currency,categories,tags,is_available,count,url,description,manufacturer_name,barcode,pictures,cf:color,cf:weight',
      'sku,s1,"Shirt, red",p1,1999.90,2500,RUB,10|11,new|sale,false,7,https://shop.example.com/s1,"Soft ""cotton""",Acme,4600000000001,https://img/1.jpg|https://img/2.jpg,red,0.2',
    );
    expect(await read(text)).toEqual([
      {
        kind: 'item',
        position: 1,
        line: 2,
        item: {
          external_id: 's1',
          name: 'Shirt, red',
          product_external_id: 'p1',
          price: '1999.90',
          old_price: '2500',
          currency: 'RUB',
          categories: ['10', '11'],
          tags: ['new', 'sale'],
          is_available: false,
          count: 7,
          url: 'https://shop.example.com/s1',
          description: 'Soft "cotton"',
          manufacturer_name: 'Acme',
          barcode: '4600000000001',
          pictures: ['https://img/1.jpg', 'https://img/2.jpg'],
          custom_fields: { color: 'red', weight: '0.2' },
        },
      },
    ]);
  });

  it('reads categories, products and SKUs, numbering the data rows together', async () => {
    const text = lines(
      'type,external_id,name,parent_external_id,product_external_id,price',
      'category,1,Clothes,,,',
      'category,2,Shirts,1,,',
      ',p1,Shirt,,,10',
      ',s1,Shirt S,,p1,10',
      'product,p2,Hat,,,',
    );
    expect(await read(text)).toEqual([
      { kind: 'category', position: 1, line: 2, category: { external_id: '1', name: 'Clothes' } },
      {
        kind: 'category',
        position: 2,
        line: 3,
        category: { external_id: '2', name: 'Shirts', parent_external_id: '1' },
      },
      {
        kind: 'item',
        position: 3,
        line: 4,
        item: { external_id: 'p1', name: 'Shirt', price: '10', is_available: true },
      },
      {
        kind: 'item',
        position: 4,
        line: 5,
        item: { external_id: 's1', name: 'Shirt S', product_external_id: 'p1', price: '10', is_available: true },
      },
      { kind: 'item', position: 5, line: 6, item: { external_id: 'p2', name: 'Hat', is_available: true } },
    ]);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
    ['', true],
  ])('reads is_available %j as %s', async (cell, expected) => {
    const [record] = await read(lines('external_id,name,is_available', `p1,A,${cell}`));
    expect(record?.kind === 'item' && record.item.is_available).toBe(expected);
  });

  it('leaves empty cells, empty custom fields and empty lists out', async () => {
    const text = lines('external_id,name,price,categories,tags,pictures,count,cf:color', 'p1,A,,,|,,,');
    expect(await read(text)).toEqual([
      { kind: 'item', position: 1, line: 2, item: { external_id: 'p1', name: 'A', is_available: true } },
    ]);
  });

  it('gives each row the line it starts on, across quoted line breaks, CRLF, empty lines and a BOM', async () => {
    const text = '\uFEFFexternal_id,name,description\r\np1,A,"two\r\nlines"\r\n\r\np2,B,"x\ny\nz"\r\np3,C,\r\n';
    const records = await read(text, 7);
    expect(records.map(({ position, line }) => [position, line])).toEqual([
      [1, 2],
      [2, 5],
      [3, 8],
    ]);
    expect(records[0]?.kind === 'item' && records[0].item.description).toBe('two\r\nlines');
  });

  it('reads the same records whatever the chunk size', async () => {
    const text = lines('external_id,name,cf:цвет', 'p1,Чайник «Ёж»,красный', 'p2,"Ёлка, ""большая""",');
    expect(await read(text, 1)).toEqual(await read(text));
    expect(await read(text, 1)).toHaveLength(2);
  });

  it('reads string chunks too', async () => {
    const records: FeedRecord[] = [];
    for await (const record of readCsvFeed(Readable.from(['external_id,name\n', 'p1,A\n']))) {
      records.push(record);
    }
    expect(records).toHaveLength(1);
  });

  describe('errors', () => {
    it('names the row, the line and the column of a price that is not a decimal', async () => {
      const { error, before } = await failure(lines('external_id,name,price', 'p1,A,1', 'p2,B,"12,5"'));
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toBe('row 2 (line 3): price "12,5" is not a decimal');
      expect(error.details).toEqual({ position: 2, line: 3, element: 'price' });
      expect(before).toHaveLength(1);
    });

    it.each([
      ['unknown column "colour"', 'external_id,name,colour', 'colour'],
      ['column "name" appears twice', 'external_id,name,name', 'name'],
      ['column "cf:" names no custom field', 'external_id,name,cf:', 'cf:'],
      ['the required column "name" is missing', 'external_id,price', 'name'],
    ])('rejects a header with %s', async (problem, header, element) => {
      const { error } = await failure(lines(header, header.replace(/[^,]+/g, 'x')));
      expect(error.message).toBe(`header (line 1): ${problem}`);
      expect(error.details).toEqual({ position: null, line: 1, element });
    });

    it.each([
      [',A,,,,,', 'external_id is missing', 'external_id'],
      ['p1,,,,,,', 'name is missing', 'name'],
      ['p1,A,-1,,,,', 'price "-1" is not a decimal', 'price'],
      ['p1,A,,1.,,,', 'old_price "1." is not a decimal', 'old_price'],
      ['p1,A,,,1.5,,', 'count "1.5" is not a whole number', 'count'],
      ['p1,A,,,,yes,', 'is_available "yes" is not true, false, 1 or 0', 'is_available'],
      ['p1,A,,,,,offer', 'type "offer" is not product, sku or category', 'type'],
      ['p1,A,,,,,sku', 'a sku row needs product_external_id', 'product_external_id'],
    ])('rejects the row %s', async (row, problem, element) => {
      const { error } = await failure(
        lines('external_id,name,price,old_price,count,is_available,type', 'x,X,,,,,', row),
      );
      expect(error.message).toBe(`row 2 (line 3): ${problem}`);
      expect(error.details).toEqual({ position: 2, line: 3, element });
    });

    it.each([
      ['product,p1,A,,s0,,', 'a product row has no product_external_id (is it a sku?)', 'product_external_id'],
      [',p1,A,c0,,,', 'parent_external_id applies to categories only', 'parent_external_id'],
      ['category,c1,C,,,5,', 'price does not apply to a category', 'price'],
      ['category,c1,C,,,,red', 'custom fields do not apply to a category', 'cf:color'],
    ])('rejects the row %s', async (row, problem, element) => {
      const { error } = await failure(
        lines('type,external_id,name,parent_external_id,product_external_id,price,cf:color', row),
      );
      expect(error.message).toBe(`row 1 (line 2): ${problem}`);
      expect(error.details).toEqual({ position: 1, line: 2, element });
    });

    it('names the row and line of a row with the wrong number of cells', async () => {
      const { error } = await failure(lines('external_id,name', 'p1,A', '"p2', 'x",B', 'p3'));
      expect(error.message).toBe('row 3 (line 5): malformed CSV: Invalid Record Length: expect 2, got 1');
      expect(error.details).toEqual({ position: 3, line: 5, element: null });
    });

    it('names the row and line of a quote that is never closed', async () => {
      const { error } = await failure(lines('external_id,name', 'p1,A', 'p2,"B'));
      expect(error.message).toMatch(/^row 2 \(line 3\): malformed CSV: Quote Not Closed/);
    });

    it('names the header of malformed CSV there', async () => {
      const { error } = await failure(lines('external_id,na"me'));
      expect(error.message).toMatch(/^header \(line 1\): malformed CSV: Invalid Opening Quote/);
    });

    it('rejects a feed without a header row', async () => {
      const { error } = await failure('');
      expect(error.message).toBe('header (line 1): the feed has no header row');
    });
  });
});
