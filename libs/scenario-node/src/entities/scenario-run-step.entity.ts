import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { idType } from '@loyalty/platform';
import { ScenarioRun } from './scenario-run.entity';

/** One node a run passed: the path of `scenarios/runs/get`, written with the node's effect. */
@Entity({ tableName: 'scenario_run_steps' })
export class ScenarioRunStep {
  @ManyToOne(() => ScenarioRun, { primary: true, mapToPk: true, type: idType, deleteRule: 'cascade' })
  run!: number;

  @PrimaryKey({ type: 'int' })
  step!: number;

  @Property({ type: 'text' })
  nodeId!: string;

  @Property({ type: 'text' })
  code!: string;

  /** The output the node answered (a wait answers `done` as it falls asleep). */
  @Property({ type: 'text' })
  output!: string;

  @Property({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null = null;

  @Property({ type: 'timestamptz', length: 3 })
  startedAt!: Date;

  /** When the node finished; for a wait, when the run woke up (null while it sleeps). */
  @Property({ type: 'timestamptz', length: 3, nullable: true })
  finishedAt: Date | null = null;
}
