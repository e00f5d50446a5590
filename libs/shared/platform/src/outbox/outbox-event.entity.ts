import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { idType } from '../database/id-type';

/**
 * An event written in the same transaction as the change it reports. The worker's relay reads
 * unrelayed rows in id order and hands them on (webhooks, scenario triggers).
 */
@Entity({ tableName: 'outbox_events' })
@Index({
  name: 'outbox_events_unrelayed_idx',
  expression: 'create index "outbox_events_unrelayed_idx" on "outbox_events" ("id") where "relayed_at" is null',
})
export class OutboxEvent {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  /** Stable public id of the event (`X-Event-Id`). */
  @Property({ type: 'uuid', unique: true })
  eventId!: string;

  @Property({ type: 'text' })
  eventType!: string;

  /** The member or other subject the event is about; webhook sequences count per subject. */
  @Property({ type: 'text', nullable: true })
  subjectKey: string | null = null;

  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Property({ type: 'timestamptz', length: 3 })
  occurredAt!: Date;

  /** False for events of an order committed with `skip_triggers`: hooks get them, scenarios do not start. */
  @Property({ type: 'boolean', default: true })
  startsScenarios = true;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  relayedAt: Date | null = null;
}
