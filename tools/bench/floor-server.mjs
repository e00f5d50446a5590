#!/usr/bin/env node
// The floor of spec/quality.md §1 ("preorder vs the floor"): a bare Fastify + `pg` handler that
// does the database reads a preorder cannot avoid — the token lookup and the member's accounts
// (profile and membership, then the cached balance) — with the same SQL the API uses, and answers
// a fixed body. checkout-bench.mjs starts it next to the API and loads it like `preorder`.
//
// Env: DATABASE_URL, PORT, DB_POOL_MAX (default 20, as the benchmark's API).
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 20),
});
const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
const FIXED = JSON.stringify({ error: 0, error_text: 'Successful operation', result: { final_total_price: '0.00' } });

app.get('/health/ready', async () => ({ status: 'ok' }));

app.post('/api/v1.1/market/orders/preorder', async (request, reply) => {
  const secret = (request.headers.authorization ?? '').replace(/^Bearer /, '');
  const hash = createHash('sha256').update(secret, 'utf8').digest('hex');
  const token = await pool.query(
    'select id, account_id, role from api_tokens where secret_hash = $1 and revoked_at is null',
    [hash],
  );
  if (token.rowCount === 0) return reply.code(401).send({ error: 2 });
  const accountId = token.rows[0].account_id;
  const body = request.body;
  // The buyer and their membership (loadCheckoutBuyer), then the balance (readBalance).
  const buyer = await pool.query(
    `select p.id as profile_id, p.custom_fields, m.id as member_id, m.registered_at
       from profiles p
       left join members m on m.profile_id = p.id and m.program_id = $1 and m.status = 'active'
      where p.account_id = $2 and p.database_id = $3 and p.email = $4`,
    [process.env.FLOOR_PROGRAM_ID, accountId, process.env.FLOOR_DATABASE_ID, body.email],
  );
  const memberId = buyer.rows[0]?.member_id;
  if (memberId) {
    const now = new Date();
    await pool.query(
      `select a.id, a.active, a.pending, a.held, a.debt,
              exists (select 1 from points_transactions t
                       where t.points_account_id = a.id and t.status = 'temporary' and t.temp_deadline <= $1) as due_temporaries,
              exists (select 1 from points_lots l
                       where l.points_account_id = a.id
                         and ((not l.activated and l.activation_at <= $2) or (not l.expired and l.expires_at < $3))) as due_lots
         from points_accounts a where a.member_id = $4 and a.currency_id = $5`,
      [now, now, now, memberId, process.env.FLOOR_CURRENCY_ID],
    );
  }
  reply.header('content-type', 'application/json').send(FIXED);
});

await app.listen({ port: Number(process.env.PORT ?? 3995), host: '127.0.0.1' });

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  });
}
