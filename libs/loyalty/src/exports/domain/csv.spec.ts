import { csvField, csvRecord } from './csv';

describe('CSV (RFC 4180)', () => {
  it('leaves plain fields alone and writes null as nothing', () => {
    expect(csvRecord(['a', 12, null, '10.50'])).toBe('a,12,,10.50\r\n');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('Birthday, "gift"')).toBe('"Birthday, ""gift"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });
});
