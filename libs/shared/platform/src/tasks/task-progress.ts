import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Task state written on its own connection, outside the work's transaction, so that `tasks/get`
 * sees progress while the work is still uncommitted. Plain SQL: the runner crosses accounts.
 */
export const TaskProgress = {
  /** Moves a queued task to running; false when another run took it (or it is finished). */
  async claim(
    em: EntityManager,
    taskId: number,
    now: Date,
  ): Promise<{ accountId: number; input: Record<string, unknown> } | null> {
    const rows: Array<{ account_id: string; input: Record<string, unknown> }> = await em.getConnection().execute(
      `update tasks set status = 'running', started_at = ?, heartbeat_at = ?
         where id = ? and status = 'queued' returning account_id, input`,
      [now, now, taskId],
    );
    return rows.length === 0 ? null : { accountId: Number(rows[0].account_id), input: rows[0].input };
  },

  async payload(em: EntityManager, taskId: number): Promise<string | null> {
    const rows: Array<{ payload: string | null }> = await em
      .getConnection()
      .execute('select payload from tasks where id = ?', [taskId]);
    return rows[0]?.payload ?? null;
  },

  async progress(em: EntityManager, taskId: number, progress: number, now: Date): Promise<void> {
    await em
      .getConnection()
      .execute(`update tasks set progress = ?, heartbeat_at = ? where id = ? and status = 'running'`, [
        progress,
        now,
        taskId,
      ]);
  },

  /** Items handled so far (an export's rows), shown by `tasks/get` as `items_processed`. */
  async items(em: EntityManager, taskId: number, items: number): Promise<void> {
    await em
      .getConnection()
      .execute(`update tasks set items_processed = ? where id = ? and status = 'running'`, [items, taskId]);
  },

  async heartbeat(em: EntityManager, taskId: number, now: Date): Promise<void> {
    await em
      .getConnection()
      .execute(`update tasks set heartbeat_at = ? where id = ? and status = 'running'`, [now, taskId]);
  },

  /**
   * Running tasks whose heartbeat stopped before `before` (their worker died; their work rolled
   * back with its transaction) go back to `queued`; answers their ids so they can be queued again.
   */
  async requeueStale(em: EntityManager, kind: string, before: Date): Promise<number[]> {
    const rows: Array<{ id: string }> = await em.getConnection().execute(
      `update tasks set status = 'queued', started_at = null, heartbeat_at = null, progress = 0, items_processed = 0
       where kind = ? and status = 'running' and heartbeat_at < ? returning id`,
      [kind, before],
    );
    return rows.map((row) => Number(row.id));
  },

  async finish(
    em: EntityManager,
    taskId: number,
    now: Date,
    outcome: {
      status: 'done' | 'failed';
      result?: Record<string, unknown> | null;
      errors?: Array<Record<string, unknown>>;
    },
  ): Promise<void> {
    await em.getConnection().execute(
      `update tasks set status = ?, progress = case when ? = 'done' then 100 else progress end, result = ?::jsonb,
         errors = ?::jsonb, finished_at = ?, payload = null where id = ?`,
      [
        outcome.status,
        outcome.status,
        JSON.stringify(outcome.result ?? null),
        JSON.stringify(outcome.errors ?? []),
        now,
        taskId,
      ],
    );
  },

  /** Queued tasks older than `before`: their job may have been lost with Redis. */
  async queuedBefore(em: EntityManager, kind: string, before: Date): Promise<number[]> {
    const rows: Array<{ id: string }> = await em
      .getConnection()
      .execute(`select id from tasks where kind = ? and status = 'queued' and created_at < ? order by id limit 1000`, [
        kind,
        before,
      ]);
    return rows.map((row) => Number(row.id));
  },

  /**
   * The tasks of `kind` that need their job again (a sweep's question): running ones silent for
   * `staleMs` are queued again (their work rolled back with their transaction), and queued ones
   * waited longer than a job takes to start.
   */
  async needingJobs(em: EntityManager, kind: string, now: Date, staleMs: number): Promise<number[]> {
    const requeued = await TaskProgress.requeueStale(em, kind, new Date(now.getTime() - staleMs));
    const queued = await TaskProgress.queuedBefore(em, kind, new Date(now.getTime() - QUEUED_GRACE_MS));
    return [...new Set([...requeued, ...queued])];
  },
};

/** A queued task gets its job again after this long without starting. */
const QUEUED_GRACE_MS = 30_000;
