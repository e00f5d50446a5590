import { Injectable } from '@nestjs/common';
import type { JsonSchema } from '@loyalty/contracts';
import { RegisterMember } from '@loyalty/loyalty';
import type { ArgsReference, NodeContext, NodeResult, ScenarioNode } from '../node/scenario-node';
import { answerRefusals, errorData } from './helpers/node-outcome';
import { NO_PERSON, nodePerson } from './helpers/node-person';

export type ParticipationArgs = {
  loyalty_program_id: number;
};

/** `loyalty.participation`: the person joins the program, their profile created as `register_member` does. */
@Injectable()
export class ParticipationNode implements ScenarioNode<ParticipationArgs> {
  readonly code = 'loyalty.participation';
  readonly description = 'Makes the person a member of the program (creating their profile when needed).';
  readonly argsSchema: JsonSchema = {
    type: 'object',
    properties: { loyalty_program_id: { type: 'integer', minimum: 1 } },
    required: ['loyalty_program_id'],
    additionalProperties: false,
  };
  readonly outputs = ['joined', 'already_member', 'error'] as const;
  readonly runs = 'in-transaction' as const;

  constructor(private readonly registerMember: RegisterMember) {}

  references(args: ParticipationArgs): ArgsReference[] {
    return [{ path: 'loyalty_program_id', kind: 'loyalty_program', id: args.loyalty_program_id }];
  }

  async execute(context: NodeContext, args: ParticipationArgs): Promise<NodeResult> {
    const person = nodePerson(context);
    if (!person) return { output: 'error', data: { ...NO_PERSON } };
    return answerRefusals(
      async () => {
        const { profileId, isNew } = await this.registerMember.execute({ programId: args.loyalty_program_id, person });
        return {
          output: isNew ? 'joined' : 'already_member',
          data: { profile_id: profileId, loyalty_program_id: args.loyalty_program_id },
          profileId,
        };
      },
      (error) => ({ output: 'error', data: errorData(error) }),
    );
  }
}
