import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { JsonSchema } from '@loyalty/contracts';
import { DomainError } from '@loyalty/kernel';
import { GetMemberTiers, TierGroup } from '@loyalty/loyalty';
import type { ArgsReference, NodeContext, NodeResult, ScenarioNode } from '../node/scenario-node';
import { answerRefusals, errorData, isUnknownMember } from './helpers/node-outcome';
import { nodePerson } from './helpers/node-person';

export type TierConditionArgs = {
  tiers_group_id: number;
  tier_eid: string;
};

/** `loyalty.tier_condition`: whether the member's current tier in the group is `tier_eid`. */
@Injectable()
export class TierConditionNode implements ScenarioNode<TierConditionArgs> {
  readonly code = 'loyalty.tier_condition';
  readonly description = "Whether the member's current tier in a tier group is the given tier.";
  readonly argsSchema: JsonSchema = {
    type: 'object',
    properties: {
      tiers_group_id: { type: 'integer', minimum: 1 },
      tier_eid: { type: 'string', minLength: 1, maxLength: 255 },
    },
    required: ['tiers_group_id', 'tier_eid'],
    additionalProperties: false,
  };
  readonly outputs = ['true', 'false'] as const;
  readonly runs = 'in-transaction' as const;

  constructor(
    private readonly em: EntityManager,
    private readonly memberTiers: GetMemberTiers,
  ) {}

  references(args: TierConditionArgs): ArgsReference[] {
    return [{ path: 'tiers_group_id', kind: 'tier_group', id: args.tiers_group_id }];
  }

  async execute(context: NodeContext, args: TierConditionArgs): Promise<NodeResult> {
    return answerRefusals(
      async () => {
        const current = await this.currentTier(context, args);
        return { output: String(current === args.tier_eid), data: { tier_eid: current } };
      },
      (error) => ({ output: 'false', data: errorData(error) }),
    );
  }

  /** The tier held now (the last the answer lists), or null for someone who is not a member. */
  private async currentTier(context: NodeContext, args: TierConditionArgs): Promise<string | null> {
    const person = nodePerson(context);
    if (!person) return null;
    const group = await this.em.findOne(TierGroup, { id: args.tiers_group_id });
    if (!group) throw DomainError.notFound(`Tier group ${args.tiers_group_id}`);
    try {
      const tiers = await this.memberTiers.execute({ programId: group.program, person, tiersGroupId: group.id });
      return tiers.at(-1)?.tier_eid ?? null;
    } catch (error) {
      if (isUnknownMember(error)) return null;
      throw error;
    }
  }
}
