/**
 * Recovers the line each CSV record starts on. csv-parse reports the line a record ends on, and
 * counts a CRLF inside a quoted field as two lines, which shifts every later record; this undoes
 * both from the record's own cells.
 */
export class CsvLineTracker {
  private drift = 0;

  startLine(cells: string[], reportedEndLine: number): number {
    let breaks = 0;
    let crlfs = 0;
    for (const cell of cells) {
      if (cell.includes('\n') || cell.includes('\r')) {
        breaks += count(cell, /\r\n|\r|\n/g);
        crlfs += count(cell, /\r\n/g);
      }
    }
    const start = reportedEndLine - this.drift - crlfs - breaks;
    this.drift += crlfs;
    return start;
  }

  /** A line csv-parse reported in an error, without the drift of the records before. */
  correct(reportedLine: number): number {
    return reportedLine - this.drift;
  }
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
