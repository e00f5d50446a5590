import { Entity, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { idType } from '../database/id-type';

export const TASK_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A long job the worker runs for an account (a feed import, an export), as `tasks/get` shows it. */
@Entity({ tableName: 'tasks' })
export class Task {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  /** What runs it, e.g. `market.feed_import`. */
  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  status!: TaskStatus;

  /** 0..100. */
  @Property({ type: 'smallint' })
  progress!: number;

  @Property({ type: 'jsonb' })
  input!: Record<string, unknown>;

  /** An uploaded document the task reads (a feed's content); loaded only by the runner. */
  @Property({ type: 'text', nullable: true, lazy: true })
  payload: string | null = null;

  @Property({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null = null;

  @Property({ type: 'jsonb' })
  errors!: Array<Record<string, unknown>>;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  finishedAt: Date | null = null;

  /** Items the task has handled so far (an export's rows written); 0 where a task does not count. */
  @Property({ type: 'integer', default: 0 })
  itemsProcessed: Opt<number> = 0;

  /** Moved by the running worker; a running task whose heartbeat stopped is queued again. */
  @Property({ type: 'timestamptz', length: 3, nullable: true })
  heartbeatAt: Date | null = null;
}
