import type { JsonSchema } from '@loyalty/contracts';
import type { MatchingInput } from '@loyalty/profiles';

/** The event a run was started by, as its nodes see it. */
export interface RunEvent {
  event_id: string;
  event_name: string;
  occurred_at: string;
  payload: Record<string, unknown>;
}

/** What a node knows when it runs: its run, the event, the person and what earlier nodes answered. */
export interface NodeContext {
  accountId: number;
  scenarioId: number;
  runId: number;
  nodeId: string;
  /** The run's step number of this execution (1 for `nodes[0]`); a retried step has the same number. */
  step: number;
  event: RunEvent;
  /** The identifiers the run carries (`matching` and the fields it names), or null when the event names no one. */
  person: MatchingInput | null;
  /** The profile, once the event or a node has told it. */
  profileId: string | null;
  /** The `data` of every node the run has passed, by node id (the latest visit). */
  outputs: Record<string, Record<string, unknown>>;
  now: Date;
  /**
   * A key that is the same every time this step is retried and different for every other step:
   * ledger nodes use it as `transaction_eid`, so a retried node never pays twice.
   */
  effectKey: string;
}

/** What a node answers: one of its declared outputs, with data later nodes and templates can read. */
export interface NodeResult {
  output: string;
  data?: Record<string, unknown>;
  /** The profile the node found or created (participation), for the nodes after it. */
  profileId?: string;
  /** For waits: the run sleeps until this instant, then follows `output`. */
  wakeAt?: Date;
}

/** A problem with a node's args that the schema cannot express (`path` is inside the args). */
export interface ArgsProblem {
  path: string;
  message: string;
}

/**
 * Something a node's args name in the account's data (`path` is inside the args), checked when the
 * scenario is saved: a missing one is error 18 (UNKNOWN_REFERENCE), a private URL error 1.
 */
export type ArgsReference =
  | { path: string; kind: 'loyalty_program'; id: number }
  | { path: string; kind: 'promotion'; programId: number; id: number | string }
  | { path: string; kind: 'points_currency'; programId: number; externalId: string }
  | { path: string; kind: 'tier_group'; id: number }
  | { path: string; kind: 'hook'; id: number }
  | { path: string; kind: 'outbound_url'; url: string };

/**
 * A scenario node: a code, an args schema, the outputs it may answer, and `execute`. Nodes that
 * only touch the database run inside the step's transaction (`in-transaction`), so their effect
 * and the run's step are written together; nodes that call out (a webhook) run before it, with
 * at-least-once effect.
 */
export interface ScenarioNode<A = Record<string, unknown>> {
  readonly code: string;
  readonly description: string;
  readonly argsSchema: JsonSchema;
  readonly outputs: readonly string[];
  readonly runs: 'in-transaction' | 'outside-transaction';
  /** True for `flow.wait`: a cycle through a waiting node is allowed. */
  readonly waits?: boolean;
  /** Checks across fields that the schema cannot express. */
  checkArgs?(args: A): ArgsProblem[];
  /** What the args name in the account's data, for the check when the scenario is saved. */
  references?(args: A): ArgsReference[];
  execute(context: NodeContext, args: A): Promise<NodeResult>;
}

/** The entry of `scenarios/nodes/catalogue`. */
export interface NodeCatalogueEntry {
  code: string;
  description: string;
  args_schema: JsonSchema;
  outputs: string[];
}
