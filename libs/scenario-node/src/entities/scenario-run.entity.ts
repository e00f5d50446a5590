import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import type { MatchingInput } from '@loyalty/profiles';
import { Scenario } from './scenario.entity';
import { ScenarioEvent } from './scenario-event.entity';
import { ScenarioVersion } from './scenario-version.entity';

/**
 * `running`: the step `nextStep` at node `nextNode` is queued or running; `waiting`: asleep in a
 * `flow.wait` until `wakeAt`, then `nextStep` runs; `completed`: a node answered an output with
 * no edge; `failed`: a node threw on its last attempt.
 */
export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed';

/**
 * One run of one scenario version for one event. The row is the truth: a BullMQ job only wakes a
 * worker to execute step `nextStep`, and a sweep queues the job again when Redis lost it.
 */
@Entity({ tableName: 'scenario_runs' })
@Index({ properties: ['event'] })
@Index({
  name: 'scenario_runs_running_idx',
  expression: 'create index "scenario_runs_running_idx" on "scenario_runs" ("updated_at") where "status" = \'running\'',
})
@Index({
  name: 'scenario_runs_waiting_idx',
  expression: 'create index "scenario_runs_waiting_idx" on "scenario_runs" ("wake_at") where "status" = \'waiting\'',
})
export class ScenarioRun {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => Scenario, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  scenario!: number;

  @ManyToOne(() => ScenarioVersion, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  version!: number;

  @ManyToOne(() => ScenarioEvent, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  event!: number;

  @Property({ type: 'text' })
  status!: RunStatus;

  /** The node step `nextStep` executes; null once the run is over. */
  @Property({ type: 'text', nullable: true })
  nextNode: string | null = null;

  @Property({ type: 'int' })
  nextStep!: number;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  wakeAt: Date | null = null;

  @Property({ type: 'jsonb', nullable: true })
  person: MatchingInput | null = null;

  @Property({ type: 'text', nullable: true })
  profileId: string | null = null;

  /** The `data` of every node passed, by node id (the latest visit): what templates read. */
  @Property({ type: 'jsonb' })
  outputs!: Record<string, Record<string, unknown>>;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'timestamptz', length: 3 })
  startedAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  finishedAt: Date | null = null;
}
