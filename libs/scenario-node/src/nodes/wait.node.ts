import { Injectable } from '@nestjs/common';
import type { JsonSchema } from '@loyalty/contracts';
import type { ArgsProblem, NodeContext, NodeResult, ScenarioNode } from '../node/scenario-node';
import { MAX_WAIT_SECONDS, WaitArgs, waitArgsProblems, wakeTime } from './helpers/wait-args';

/** `flow.wait`: no effect of its own; the runtime parks the run until `wakeAt`, then follows `done`. */
@Injectable()
export class WaitNode implements ScenarioNode<WaitArgs> {
  readonly code = 'flow.wait';
  readonly description = 'Waits a number of seconds, or until an instant, then goes on.';
  readonly argsSchema: JsonSchema = {
    type: 'object',
    properties: {
      seconds: { type: 'integer', minimum: 1, maximum: MAX_WAIT_SECONDS },
      until: {
        type: 'string',
        format: 'date-time',
        description: 'RFC 3339 with an offset; a past instant wakes at once',
      },
    },
    additionalProperties: false,
  };
  readonly outputs = ['done'] as const;
  readonly runs = 'in-transaction' as const;
  readonly waits = true;

  checkArgs(args: WaitArgs): ArgsProblem[] {
    return waitArgsProblems(args);
  }

  async execute(context: NodeContext, args: WaitArgs): Promise<NodeResult> {
    const wakeAt = wakeTime(args, context.now);
    return { output: 'done', data: { wake_at: wakeAt.toISOString() }, wakeAt };
  }
}
