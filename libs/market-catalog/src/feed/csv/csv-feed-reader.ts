import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { FeedRecord, FeedSource } from '../feed-record';
import { FeedFormatError, FeedLocation } from '../feed-format-error';
import { CsvHeader, readCsvHeader } from './csv-header';
import { CsvLineTracker } from './csv-lines';
import { csvRecord } from './csv-row';

/**
 * Reads a CSV feed (a header row, then one category, product or SKU a row) with csv-parse in
 * streaming mode and yields its records in file order; see FEEDS.md for the columns. Throws a
 * FeedFormatError at the first problem.
 */
export async function* readCsvFeed(source: FeedSource): AsyncGenerator<FeedRecord, void, undefined> {
  const lines = new CsvLineTracker();
  // The start line of each record parsed and not yet taken. on_record runs as each record is
  // parsed, so the line count is right even for an error raised while earlier records still wait
  // in the stream's buffer (a stream that fails drops its buffer).
  const startLines: number[] = [];
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    on_record: (cells, context) => {
      startLines.push(lines.startLine(cells, context.lines));
      return cells;
    },
  });
  // Errors of the source or the parser come out of the iteration below.
  const rows: AsyncIterable<string[]> = pipeline(source, parser, () => undefined);
  let header: CsvHeader | undefined;
  let position = 0;
  try {
    for await (const cells of rows) {
      const line = startLines.shift() ?? 0;
      if (header === undefined) {
        header = readCsvHeader(cells, { subject: 'header', position: null, line });
        continue;
      }
      position += 1;
      yield csvRecord(header, cells, { subject: 'row', position, line });
    }
  } catch (error) {
    throw error instanceof CsvError ? malformed(error, lines) : error;
  }
  if (header === undefined) {
    throw FeedFormatError.at({ subject: 'header', position: null, line: 1 }, null, 'the feed has no header row');
  }
}

/** csv-parse counts the header among the records it parsed before the error. */
function malformed(error: CsvError, lines: CsvLineTracker): FeedFormatError {
  const parsed: number = error['records'];
  const line = lines.correct(error['lines']);
  const at: FeedLocation =
    parsed === 0 ? { subject: 'header', position: null, line } : { subject: 'row', position: parsed, line };
  return FeedFormatError.at(at, null, `malformed CSV: ${error.message.replace(/,? (?:at|on) line \d+/, '')}`);
}
