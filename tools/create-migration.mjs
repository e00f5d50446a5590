#!/usr/bin/env node
// `npm run migration:create`: diffs the entities against a scratch database migrated to the latest
// committed migration, writes the new migration file, and appends it to MIGRATIONS.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from '../node_modules/pg/lib/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const migrationsDir = join(root, 'libs/database/src/migrations');
const listFile = join(root, 'libs/database/src/migration-list.ts');
const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loyalty');
const scratch = `loyalty_migration_scratch_${process.pid}`;

async function admin(sql) {
  const url = new URL(server);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const scratchUrl = new URL(server);
scratchUrl.pathname = `/${scratch}`;
const env = { ...process.env, DATABASE_URL: scratchUrl.toString() };
const before = new Set(readdirSync(migrationsDir));
await admin(`create database "${scratch}"`);
try {
  execFileSync('npx', ['mikro-orm', 'migration:up'], { cwd: root, env, stdio: 'inherit' });
  execFileSync('npx', ['mikro-orm', 'migration:create'], { cwd: root, env, stdio: 'inherit' });
} finally {
  await admin(`drop database if exists "${scratch}" with (force)`);
}
const created = readdirSync(migrationsDir).filter((file) => !before.has(file));
if (created.length === 0) {
  console.log('no changes: no migration created');
  process.exit(0);
}
let list = readFileSync(listFile, 'utf8');
for (const file of created) {
  const name = file.replace(/\.ts$/, '');
  list = list
    .replace(/^((?:import[^\n]*\n)+)/, `$1import { ${name} } from './migrations/${name}';\n`)
    .replace(/\n\];\s*$/, `\n  { name: '${name}', class: ${name} },\n];\n`);
}
writeFileSync(listFile, list);
execFileSync('npx', ['prettier', '--write', listFile, ...created.map((file) => join(migrationsDir, file))], {
  cwd: root,
});
console.log(`created ${created.join(', ')} and listed it in MIGRATIONS`);
