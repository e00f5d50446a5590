import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { JsonSchema } from '@loyalty/contracts';
import { addToLocalDate, endOfLocalDate, localDateParts, Points } from '@loyalty/kernel';
import { requireCurrency, requireMember, requireProgram } from '@loyalty/loyalty';
import type { ArgsProblem, ArgsReference, NodeContext, NodeResult, ScenarioNode } from '../node/scenario-node';
import { currencyReferences } from './helpers/currency-references';
import { ExpiringPoints, expiringPoints, NO_EXPIRING_POINTS } from './helpers/expiring-lots';
import { answerRefusals, errorData, isUnknownMember } from './helpers/node-outcome';
import { nodePerson } from './helpers/node-person';
import { pointsArg, pointsArgProblem, POINTS_ARG_SCHEMA } from './helpers/points-arg';

export type ExpiringPointsConditionArgs = {
  loyalty_program_id: number;
  points_currency_eid: string;
  within_days: number;
  min_amount?: string | number;
};

/**
 * `loyalty.expiring_points_condition`: true when the member's points expiring from now to the end
 * of the local day `within_days` days ahead (program time zone: lots expire at the end of a local
 * day, so a window ending mid-day would miss the last day's lots) sum to at least `min_amount`
 * (default: any at all). Its data `{amount, first_expiry}` feeds templates.
 */
@Injectable()
export class ExpiringPointsConditionNode implements ScenarioNode<ExpiringPointsConditionArgs> {
  readonly code = 'loyalty.expiring_points_condition';
  readonly description = "Whether enough of the member's points expire within the next days.";
  readonly argsSchema: JsonSchema = {
    type: 'object',
    properties: {
      loyalty_program_id: { type: 'integer', minimum: 1 },
      points_currency_eid: { type: 'string', minLength: 1, maxLength: 255 },
      within_days: { type: 'integer', minimum: 0, maximum: 3650, description: '0 = by the end of today' },
      min_amount: POINTS_ARG_SCHEMA,
    },
    required: ['loyalty_program_id', 'points_currency_eid', 'within_days'],
    additionalProperties: false,
  };
  readonly outputs = ['true', 'false'] as const;
  readonly runs = 'in-transaction' as const;

  constructor(private readonly em: EntityManager) {}

  checkArgs(args: ExpiringPointsConditionArgs): ArgsProblem[] {
    const problem = args.min_amount === undefined ? null : pointsArgProblem(args.min_amount, 'min_amount', true);
    return problem ? [problem] : [];
  }

  references(args: ExpiringPointsConditionArgs): ArgsReference[] {
    return currencyReferences(args);
  }

  async execute(context: NodeContext, args: ExpiringPointsConditionArgs): Promise<NodeResult> {
    return answerRefusals(
      async () => {
        const { amount, firstExpiry } = await this.expiring(context, args);
        const holds = args.min_amount === undefined ? amount > 0n : amount >= pointsArg(args.min_amount, 'min_amount');
        return {
          output: String(holds),
          data: { amount: Points.format(amount), first_expiry: firstExpiry?.toISOString() ?? null },
        };
      },
      (error) => ({ output: 'false', data: errorData(error) }),
    );
  }

  /** Someone who is not a member has nothing that expires. */
  private async expiring(context: NodeContext, args: ExpiringPointsConditionArgs): Promise<ExpiringPoints> {
    const person = nodePerson(context);
    if (!person) return NO_EXPIRING_POINTS;
    const program = await requireProgram(this.em, args.loyalty_program_id);
    const currency = await requireCurrency(this.em, program, { points_currency_eid: args.points_currency_eid });
    try {
      const { member } = await requireMember(this.em, program, person);
      const lastDay = addToLocalDate(localDateParts(context.now, program.timezone), args.within_days, 'day');
      return await expiringPoints(this.em, member.id, currency, context.now, endOfLocalDate(lastDay, program.timezone));
    } catch (error) {
      if (isUnknownMember(error)) return NO_EXPIRING_POINTS;
      throw error;
    }
  }
}
