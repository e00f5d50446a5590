#!/usr/bin/env node
// `npm run seed`: asks the running API (npm start) for a demo account and prints its admin token.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const secretsFile = join(root, '.data/dev-secrets.json');
const rootKey =
  process.env.ROOT_API_KEY ??
  (existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, 'utf8')).ROOT_API_KEY : undefined);
const apiUrl = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

async function call(method, body, token) {
  const response = await fetch(`${apiUrl}/api/v1.1/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (answer.error !== 0) throw new Error(`${method}: ${answer.error_code} ${answer.error_text}`);
  return answer.data;
}

if (!rootKey) {
  console.error('No ROOT_API_KEY: set it, or run `npm start` first (it keeps one in .data/dev-secrets.json).');
  process.exit(1);
}
try {
  const account = await call('admin/accounts/create', { name: 'Demo shop', timezone: 'Europe/Moscow' }, rootKey);
  const database = await call('databases/create', { name: 'Customers' }, account.admin_token);
  console.log(`account_id: ${account.account_id}\ndb_id:      ${database.db_id}\nadmin token: ${account.admin_token}`);
} catch (error) {
  console.error(`Seeding failed against ${apiUrl}: ${error.message}. Is the API running (npm start)?`);
  process.exit(1);
}
