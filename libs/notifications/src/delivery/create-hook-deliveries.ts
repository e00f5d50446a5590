import type { EntityManager } from '@mikro-orm/postgresql';
import { hookBody, sequenceKey } from '../domain/hook-body';

/** An outbox event as the relay reads it. */
export interface HookEvent {
  accountId: number;
  eventId: string;
  eventType: string;
  subjectKey: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** A delivery just created: its job is queued once the transaction that created it has committed. */
export interface NewDelivery {
  deliveryId: number;
  attempts: number;
}

/** Rows per insert statement (8 parameters each, far below PostgreSQL's 65,535). */
const INSERT_CHUNK = 2_000;

interface HookRow {
  id: string;
  account_id: string;
  events: string[];
}

/**
 * Fans relayed outbox events out to the live hooks of their accounts that subscribe to their type,
 * inside the relay's transaction (`em`): one delivery row per (event, hook), so a relayed event
 * gets its deliveries exactly once (a unique key on (hook, event) guards a replay as well).
 *
 * Sequences: each event that has at least one delivery takes the next number of its subject
 * (`profile:<id>`, or `account` for events about no person) in event order. One statement per
 * batch reserves them. Events no hook wants take no number, so numbers increase but have gaps.
 */
export async function createHookDeliveries(em: EntityManager, events: HookEvent[], now: Date): Promise<NewDelivery[]> {
  if (events.length === 0) return [];
  const accountIds = [...new Set(events.map((event) => event.accountId))];
  const hooks: HookRow[] = await em.execute(
    `select id, account_id, events from action_hooks where deleted_at is null and account_id in (?) order by id`,
    [accountIds],
  );
  if (hooks.length === 0) return [];
  const wanted = events
    .map((event) => ({
      event,
      hookIds: hooks
        .filter((hook) => Number(hook.account_id) === event.accountId && hook.events.includes(event.eventType))
        .map((hook) => Number(hook.id)),
    }))
    .filter((entry) => entry.hookIds.length > 0);
  if (wanted.length === 0) return [];

  const counts = new Map<string, { accountId: number; key: string; count: number }>();
  for (const { event } of wanted) {
    const key = sequenceKey(event.subjectKey);
    const id = `${event.accountId}\u0000${key}`;
    const entry = counts.get(id) ?? { accountId: event.accountId, key, count: 0 };
    entry.count += 1;
    counts.set(id, entry);
  }
  const reserved: Array<{ account_id: string; subject_key: string; last_sequence: string }> = await em.execute(
    `insert into hook_sequences (account_id, subject_key, last_sequence)
       values ${[...counts.values()].map(() => '(?, ?, ?)').join(', ')}
       on conflict (account_id, subject_key)
       do update set last_sequence = hook_sequences.last_sequence + excluded.last_sequence
       returning account_id, subject_key, last_sequence`,
    [...counts.values()].flatMap((entry) => [entry.accountId, entry.key, entry.count]),
  );
  const next = new Map<string, bigint>();
  for (const row of reserved) {
    const id = `${row.account_id}\u0000${row.subject_key}`;
    next.set(id, BigInt(row.last_sequence) - BigInt((counts.get(id) as { count: number }).count) + 1n);
  }

  const rows: unknown[][] = [];
  for (const { event, hookIds } of wanted) {
    const id = `${event.accountId}\u0000${sequenceKey(event.subjectKey)}`;
    const sequence = next.get(id) as bigint;
    next.set(id, sequence + 1n);
    const body = hookBody({
      eventId: event.eventId,
      eventType: event.eventType,
      occurredAt: event.occurredAt,
      accountId: event.accountId,
      sequence,
      data: event.payload,
    });
    for (const hookId of hookIds) {
      rows.push([event.accountId, hookId, event.eventId, event.eventType, sequence.toString(), body, now, now]);
    }
  }
  const created: NewDelivery[] = [];
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const ids: Array<{ id: string }> = await em.execute(
      `insert into hook_deliveries
         (account_id, hook_id, event_id, event_type, sequence, body, status, attempts, next_attempt_at, created_at)
       values ${chunk.map(() => `(?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`).join(', ')}
       on conflict (hook_id, event_id) do nothing
       returning id`,
      chunk.flat(),
    );
    created.push(...ids.map((row) => ({ deliveryId: Number(row.id), attempts: 0 })));
  }
  return created;
}
