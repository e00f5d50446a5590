import { Injectable } from '@nestjs/common';
import type { JsonSchema } from '@loyalty/contracts';
import { Points } from '@loyalty/kernel';
import { CurrencyBalanceAnswer, GetBalance } from '@loyalty/loyalty';
import type { ArgsProblem, ArgsReference, NodeContext, NodeResult, ScenarioNode } from '../node/scenario-node';
import { currencyReferences } from './helpers/currency-references';
import { compareBigints, COMPARE_OPS, CompareOp, satisfies } from './helpers/compare-op';
import { answerRefusals, errorData, isUnknownMember } from './helpers/node-outcome';
import { nodePerson } from './helpers/node-person';
import { pointsArg, pointsArgProblem, POINTS_ARG_SCHEMA } from './helpers/points-arg';

export type BalanceConditionArgs = {
  loyalty_program_id: number;
  points_currency_eid: string;
  op: CompareOp;
  value: string | number;
};

/**
 * `loyalty.balance_condition`: compares the member's active balance in a currency with `value`, as
 * bigint hundredths. Currency external ids are unique per program only, hence `loyalty_program_id`.
 */
@Injectable()
export class BalanceConditionNode implements ScenarioNode<BalanceConditionArgs> {
  readonly code = 'loyalty.balance_condition';
  readonly description = "Compares the member's active balance in a currency with a value.";
  readonly argsSchema: JsonSchema = {
    type: 'object',
    properties: {
      loyalty_program_id: { type: 'integer', minimum: 1 },
      points_currency_eid: { type: 'string', minLength: 1, maxLength: 255 },
      op: { type: 'string', enum: [...COMPARE_OPS] },
      value: POINTS_ARG_SCHEMA,
    },
    required: ['loyalty_program_id', 'points_currency_eid', 'op', 'value'],
    additionalProperties: false,
  };
  readonly outputs = ['true', 'false'] as const;
  readonly runs = 'in-transaction' as const;

  constructor(private readonly getBalance: GetBalance) {}

  checkArgs(args: BalanceConditionArgs): ArgsProblem[] {
    const problem = pointsArgProblem(args.value, 'value', false);
    return problem ? [problem] : [];
  }

  references(args: BalanceConditionArgs): ArgsReference[] {
    return currencyReferences(args);
  }

  async execute(context: NodeContext, args: BalanceConditionArgs): Promise<NodeResult> {
    return answerRefusals(
      async () => {
        const balance = await this.activeBalance(context, args);
        const holds = satisfies(compareBigints(balance, pointsArg(args.value, 'value')), args.op);
        return { output: String(holds), data: { balance: Points.format(balance) } };
      },
      // A dangling reference (program or currency deleted since the scenario was saved) is no reason
      // to retry: the condition does not hold, and the run's path shows why.
      (error) => ({ output: 'false', data: errorData(error) }),
    );
  }

  /** A person who is not a member (or is unknown) owns no points: balance 0, so `lt 100` holds for them. */
  private async activeBalance(context: NodeContext, args: BalanceConditionArgs): Promise<bigint> {
    const person = nodePerson(context);
    if (!person) return 0n;
    try {
      const answer = (await this.getBalance.execute({
        programId: args.loyalty_program_id,
        person,
        points_currency_eid: args.points_currency_eid,
      })) as CurrencyBalanceAnswer;
      return Points.parse(answer.active_balance);
    } catch (error) {
      if (isUnknownMember(error)) return 0n;
      throw error;
    }
  }
}
