import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { ActionHook } from './action-hook.entity';

/** `pending` → `sending` → `delivered`, or back to `pending` for a retry, or `dead` after 24 h; `canceled` when the hook was deleted. */
export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'dead' | 'canceled';

/**
 * One event for one hook: the row is the truth (status, attempts, next attempt); a BullMQ job is
 * only the alarm clock that wakes a worker at `nextAttemptAt`. The body is fixed when the row is
 * created, so every attempt sends (and signs) the same bytes.
 */
@Entity({ tableName: 'hook_deliveries' })
@Unique({ properties: ['hook', 'eventId'] })
@Index({ properties: ['hook', 'id'] })
@Index({
  name: 'hook_deliveries_open_idx',
  expression:
    'create index "hook_deliveries_open_idx" on "hook_deliveries" ("next_attempt_at") where "status" in (\'pending\', \'sending\')',
})
export class HookDelivery {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => ActionHook, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  hook!: number;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'text' })
  eventType!: string;

  @Property({ type: 'bigint' })
  sequence!: bigint;

  /** The exact JSON body every attempt sends. */
  @Property({ type: 'text', lazy: true })
  body!: string;

  @Property({ type: 'text' })
  status!: DeliveryStatus;

  @Property({ type: 'int' })
  attempts!: number;

  @Property({ type: 'timestamptz', length: 3 })
  nextAttemptAt!: Date;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  firstAttemptAt: Date | null = null;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  lastAttemptAt: Date | null = null;

  /** When the attempt in flight was claimed; a `sending` row older than the lease is taken over. */
  @Property({ type: 'timestamptz', length: 3, nullable: true })
  claimedAt: Date | null = null;

  @Property({ type: 'int', nullable: true })
  lastResponseCode: number | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  deliveredAt: Date | null = null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;
}
