import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import type { GraphEdge, GraphNode } from '../graph/scenario-graph';

/**
 * An automation graph started by an event (`scenarios/*`). Every save of the graph is kept as a
 * version (`ScenarioVersion`), and a run follows the version it started with, so updating or
 * deactivating a scenario never changes a run in progress.
 */
@Entity({ tableName: 'scenarios' })
@Index({ properties: ['account', 'triggerEvent', 'isActive'] })
export class Scenario {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  name!: string;

  /** The event name that starts a run (`trigger.event_name`). */
  @Property({ type: 'text' })
  triggerEvent!: string;

  @Property({ type: 'jsonb' })
  nodes!: GraphNode[];

  @Property({ type: 'jsonb' })
  edges!: GraphEdge[];

  /** The latest saved version of the graph; new runs follow it. */
  @Property({ type: 'int' })
  version!: number;

  @Property({ type: 'boolean' })
  isActive!: boolean;

  /** Signs `notify.webhook` messages sent to a `url` (a hook's messages are signed with the hook's secret). */
  @Property({ type: 'text', lazy: true })
  webhookSecret!: string;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
