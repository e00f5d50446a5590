import { Injectable } from '@nestjs/common';
import type { JsonSchema } from '@loyalty/contracts';
import type { ConditionNode } from '@loyalty/loyalty-engine';
import type { ArgsProblem, NodeContext, NodeResult, ScenarioNode } from '../node/scenario-node';
import { conditionTreeProblems } from './helpers/condition-tree-args';
import { evaluateEventCondition } from './helpers/event-condition';

export type ConditionArgs = {
  tree: ConditionNode;
};

/** `flow.condition`: a condition tree over the event (`event_id`, `event_name`, `payload.<path>`). */
@Injectable()
export class FlowConditionNode implements ScenarioNode<ConditionArgs> {
  readonly code = 'flow.condition';
  readonly description = 'Evaluates a condition tree over the event that started the run.';
  readonly argsSchema: JsonSchema = {
    type: 'object',
    properties: {
      tree: {
        type: 'object',
        description: '{"all": [...]}, {"any": [...]}, {"not": {...}} or {"field": "payload.source", "op", "value"}',
      },
    },
    required: ['tree'],
    additionalProperties: false,
  };
  readonly outputs = ['true', 'false'] as const;
  readonly runs = 'in-transaction' as const;

  checkArgs(args: ConditionArgs): ArgsProblem[] {
    return conditionTreeProblems(args.tree, 'tree');
  }

  async execute(context: NodeContext, args: ConditionArgs): Promise<NodeResult> {
    const { event_id, event_name, payload } = context.event;
    return { output: String(evaluateEventCondition(args.tree, { event_id, event_name, payload })) };
  }
}
