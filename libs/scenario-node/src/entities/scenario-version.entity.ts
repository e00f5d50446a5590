import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import type { GraphEdge, GraphNode } from '../graph/scenario-graph';
import { Scenario } from './scenario.entity';

/** One saved graph of a scenario, never changed afterwards: what its runs follow. */
@Entity({ tableName: 'scenario_versions' })
@Unique({ properties: ['scenario', 'version'] })
export class ScenarioVersion {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Scenario, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  scenario!: number;

  @Property({ type: 'int' })
  version!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'jsonb' })
  nodes!: GraphNode[];

  @Property({ type: 'jsonb' })
  edges!: GraphEdge[];

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;
}
