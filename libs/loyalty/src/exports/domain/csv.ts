/** One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, with quotes doubled; null is empty. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function csvRecord(values: Array<string | number | null>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
