// Prints the "target / measured / met" table every benchmark ends with (spec/quality.md §1). Under
// `npm run bench` (BENCH_TARGETS_FILE set by run-all.mjs) the rows are also appended to that file,
// one JSON line each, so the runner can print every target of the run in one table at the end.
import { appendFileSync } from 'node:fs';

/** rows: [{what, target, value, met}] */
export function printTargets(rows) {
  if (rows.length === 0) return;
  const file = process.env.BENCH_TARGETS_FILE;
  if (file) appendFileSync(file, rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
  const width = Math.max(...rows.map((row) => row.what.length)) + 2;
  const targetWidth = Math.max(8, ...rows.map((row) => row.target.length)) + 2;
  const valueWidth = Math.max(10, ...rows.map((row) => String(row.value).length)) + 2;
  console.log(`\n${'what'.padEnd(width)}${'target'.padEnd(targetWidth)}${'measured'.padEnd(valueWidth)}verdict`);
  for (const row of rows) {
    const verdict = row.met === null ? 'n/a' : row.met ? 'met' : 'MISSED';
    console.log(
      `${row.what.padEnd(width)}${row.target.padEnd(targetWidth)}${String(row.value).padEnd(valueWidth)}${verdict}`,
    );
  }
}
