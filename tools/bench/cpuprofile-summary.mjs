#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the top functions by self time and by
// inclusive time, grouped by function name and source location.
//
//   node tools/bench/cpuprofile-summary.mjs <file.cpuprofile> [--top 30] [--filter text] [--json out.json]
//
// `--filter` keeps only the rows whose function or location contains the text (e.g. `libs/`).
// Frames in a webpack bundle with a source map next to it (dist/apps/api/main.js.map) are named
// by their original file and line (libs/orders/src/...:42); node_modules paths are shortened.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** Maps bundle positions to original ones through `<bundle>.map` files found next to the bundles. */
function sourceMapper() {
  const consumers = new Map();
  return (url, line, column) => {
    if (!url || !url.endsWith('.js') || url.includes('/node_modules/')) return null;
    const path = url.startsWith('file://') ? fileURLToPath(url) : url;
    if (!consumers.has(path)) {
      let consumer = null;
      if (existsSync(`${path}.map`)) {
        try {
          const { SourceMapConsumer } = require('source-map-js');
          consumer = new SourceMapConsumer(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
        } catch {
          consumer = null;
        }
      }
      consumers.set(path, consumer);
    }
    const consumer = consumers.get(path);
    if (!consumer) return null;
    const position = consumer.originalPositionFor({ line: line + 1, column });
    return position.source ? { source: position.source, line: position.line } : null;
  };
}

/**
 * Where the time of an API request goes, by the innermost frame on the stack that belongs to one
 * of these (so a pg call made by the checkout session counts as database driver, a bigint helper
 * called by the engine as engine). The last one is a fallback, used only when no other matches.
 */
export const API_PHASES = [
  ['garbage collector', (key) => key === '(garbage collector)'],
  ['idle', (key) => key === '(idle)' || key === '(program)'],
  [
    'database driver (pg, knex, MikroORM)',
    (key) => /node_modules\/(pg|pg-protocol|pg-pool|knex|tarn|@mikro-orm)\//.test(key),
  ],
  ['checkout engine (libs/loyalty-engine)', (key) => key.includes('libs/loyalty-engine/')],
  [
    'validation (class-validator, class-transformer)',
    (key) => /node_modules\/class-(validator|transformer)\//.test(key),
  ],
  ['JSON (lossless-json)', (key) => key.includes('node_modules/lossless-json/')],
  ['logging (pino)', (key) => /node_modules\/(pino|@pinojs)/.test(key)],
  [
    'HTTP framework (Fastify, NestJS)',
    (key) => /node_modules\/(fastify|@fastify|@nestjs|avvio|find-my-way|light-my-request|rxjs)\//.test(key),
  ],
  ['kernel (libs/shared/kernel)', (key) => key.includes('libs/shared/kernel/')],
  ['application code (other libs/, apps/)', (key) => /(^| )(libs|apps)\//.test(key)],
  ['Node internals', (key) => / node:/.test(key)],
];

export function summarise(profile, { top = 30, filter = null, phases = API_PHASES } = {}) {
  const mapPosition = sourceMapper();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfByNode = new Map();
  let total = 0;
  profile.samples.forEach((nodeId, index) => {
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    total += delta;
    selfByNode.set(nodeId, (selfByNode.get(nodeId) ?? 0) + delta);
  });
  const keyOf = (node) => {
    const frame = node.callFrame;
    if (node.key) return node.key;
    const original = mapPosition(frame.url, frame.lineNumber, frame.columnNumber);
    const where = original
      ? `${shorten(original.source)}:${original.line}`
      : frame.url
        ? `${shorten(frame.url)}:${frame.lineNumber + 1}`
        : '';
    node.key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    return node.key;
  };
  const self = new Map();
  const inclusive = new Map();
  const byPhase = new Map();
  for (const [nodeId, ms] of selfByNode) {
    const node = nodes.get(nodeId);
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + ms);
    // The innermost frame that some phase claims decides; the last phase is only a fallback.
    let phase = null;
    let fallback = null;
    for (let id = nodeId; id !== undefined && phase === null; id = parent.get(id)) {
      const frameKey = keyOf(nodes.get(id));
      const found = phases.findIndex(([, test]) => test(frameKey));
      if (found === phases.length - 1) fallback ??= phases[found][0];
      else if (found !== -1) phase = phases[found][0];
    }
    phase ??= fallback ?? 'other';
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + ms);
    // Inclusive: every distinct function on the stack gets the sample once.
    const seen = new Set();
    for (let id = nodeId; id !== undefined; id = parent.get(id)) {
      const frameKey = keyOf(nodes.get(id));
      if (seen.has(frameKey)) continue;
      seen.add(frameKey);
      inclusive.set(frameKey, (inclusive.get(frameKey) ?? 0) + ms);
    }
  }
  const rank = (map) =>
    [...map]
      .filter(([key]) => !filter || key.includes(filter))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms: Math.round(ms), percent: Math.round((ms / total) * 1000) / 10 }));
  const phaseRows = [...byPhase]
    .sort((a, b) => b[1] - a[1])
    .map(([phase, ms]) => ({ phase, ms: Math.round(ms), percent: Math.round((ms / total) * 1000) / 10 }));
  return { total_ms: Math.round(total), phases: phaseRows, self: rank(self), inclusive: rank(inclusive) };
}

function shorten(url) {
  if (!url) return '';
  return url
    .replace(/^file:\/\//, '')
    .replace(/^webpack:\/\/[^/]*\//, '')
    .replace(/^(\.\.\/)+/, '')
    .replace(/^.*\/node_modules\//, 'node_modules/')
    .replace(/^.*\/(libs|apps|dist|tools)\//, '$1/');
}

function main() {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) {
    console.error('usage: cpuprofile-summary.mjs <file.cpuprofile> [--top N] [--filter text] [--json out.json]');
    process.exit(2);
  }
  const option = (name) => {
    const index = rest.indexOf(name);
    return index === -1 ? null : rest[index + 1];
  };
  const summary = summarise(JSON.parse(readFileSync(file, 'utf8')), {
    top: Number(option('--top') ?? 30),
    filter: option('--filter'),
  });
  console.log(`total sampled: ${summary.total_ms} ms\n\nby phase (innermost matching frame):`);
  for (const row of summary.phases)
    console.log(`${String(row.ms).padStart(8)} ms ${String(row.percent).padStart(5)}%  ${row.phase}`);
  console.log('\nself time:');
  for (const row of summary.self)
    console.log(`${String(row.ms).padStart(8)} ms ${String(row.percent).padStart(5)}%  ${row.fn}`);
  console.log('\ninclusive time:');
  for (const row of summary.inclusive)
    console.log(`${String(row.ms).padStart(8)} ms ${String(row.percent).padStart(5)}%  ${row.fn}`);
  const out = option('--json');
  if (out) writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
