import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import type { MatchingInput } from '@loyalty/profiles';

/** Where an event came from: `scenarios/events/fire`, or an engine event relayed from the outbox. */
export type ScenarioEventSource = 'api' | 'outbox';

/**
 * An event that started runs, kept by its `event_id` (unique per account), so that firing it
 * again answers the same runs instead of starting new ones.
 */
@Entity({ tableName: 'scenario_events' })
@Unique({ properties: ['account', 'eventId'] })
export class ScenarioEvent {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  eventId!: string;

  @Property({ type: 'text' })
  eventName!: string;

  @Property({ type: 'text' })
  source!: ScenarioEventSource;

  /** The person the event is about, as matching identifiers; null when it names no one. */
  @Property({ type: 'jsonb', nullable: true })
  person: MatchingInput | null = null;

  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Canonical JSON of the fired body: the same `event_id` with another body is error 6. */
  @Property({ type: 'text', nullable: true })
  fingerprint: string | null = null;

  @Property({ type: 'timestamptz', length: 3 })
  occurredAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;
}
