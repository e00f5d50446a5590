import { DomainError } from '@loyalty/kernel';
import type { NodeRegistry } from '../node/node-registry';
import type { GraphEdge, GraphNode } from '../graph/scenario-graph';
import { GraphProblem, validateGraph } from '../graph/validate-graph';

/** What `scenarios/create` takes (and `scenarios/get` answers), in the wire's names. */
export interface ScenarioInput {
  name: string;
  trigger: { event_name: string };
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** `scenarios/update`: any of the fields; an absent one keeps its value. */
export type ScenarioPatch = Partial<ScenarioInput>;

/** An event name: 1–255 characters, none of them a control character. */
export const EVENT_NAME_PATTERN = /^[^\p{Cc}]{1,255}$/u;

/** The problems of the event name, if any (shared with `scenarios/events/fire`). */
export function eventNameProblems(eventName: string, path: string): GraphProblem[] {
  return EVENT_NAME_PATTERN.test(eventName)
    ? []
    : [{ path, message: 'an event name must be 1-255 printable characters' }];
}

/** Error 1 with every problem of the scenario as it would be saved: the event name, then the graph. */
export function assertValidScenario(scenario: ScenarioInput, registry: NodeRegistry): void {
  const problems = [
    ...eventNameProblems(scenario.trigger.event_name, 'trigger.event_name'),
    ...validateGraph({ nodes: scenario.nodes, edges: scenario.edges }, registry),
  ];
  if (problems.length === 0) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new DomainError('VALIDATION_FAILED', `${problems[0].path}: ${problems[0].message}${more}`, {
    fields: problems,
  });
}
