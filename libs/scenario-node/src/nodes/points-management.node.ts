import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { JsonSchema } from '@loyalty/contracts';
import { addToLocalDate, DomainError, formatDateOnly, localDateParts, Points } from '@loyalty/kernel';
import {
  AccruePoints,
  findPromotion,
  LoyaltyProgram,
  PointsOperationAnswer,
  PointsOperationInput,
  RedeemPoints,
  TriggerRules,
} from '@loyalty/loyalty';
import { requestFingerprint } from '@loyalty/platform';
import type { MatchingInput } from '@loyalty/profiles';
import type { ArgsProblem, ArgsReference, NodeContext, NodeResult, ScenarioNode } from '../node/scenario-node';
import { answerRefusals, pointsRefusalOutput } from './helpers/node-outcome';
import { NO_PERSON, nodePerson } from './helpers/node-person';
import { pointsArg, pointsArgProblem, POINTS_ARG_SCHEMA } from './helpers/points-arg';

export type PointsManagementArgs = {
  loyalty_program_id: number;
  promotion_id: number | string;
  operation: 'accrue' | 'redeem';
  amount?: string | number;
  points_currency_eid?: string;
  expiration_days?: number;
};

/**
 * `loyalty.points_management`: accrues or redeems through a trigger promotion with the ledger's own
 * use cases. The step's effect key is the `transaction_eid`, so a retried step replays the stored
 * answer instead of paying twice; the fingerprint (args and person) is the same on every retry.
 */
@Injectable()
export class PointsManagementNode implements ScenarioNode<PointsManagementArgs> {
  readonly code = 'loyalty.points_management';
  readonly description =
    'Accrues or redeems points through a trigger promotion (its static_amount when no amount is given).';
  readonly argsSchema: JsonSchema = {
    type: 'object',
    properties: {
      loyalty_program_id: { type: 'integer', minimum: 1 },
      promotion_id: {
        type: ['integer', 'string'],
        minLength: 1,
        maxLength: 255,
        description: "The trigger promotion's id (a number) or external id (a string)",
      },
      operation: { type: 'string', enum: ['accrue', 'redeem'] },
      amount: POINTS_ARG_SCHEMA,
      points_currency_eid: {
        type: 'string',
        minLength: 1,
        maxLength: 255,
        description: "Needed when the promotion has rules for several currencies; else the rule's currency",
      },
      expiration_days: {
        type: 'integer',
        minimum: 1,
        maximum: 36_500,
        description: 'Accrue only: the points expire at the end of the local day N days after the accrual',
      },
    },
    required: ['loyalty_program_id', 'promotion_id', 'operation'],
    additionalProperties: false,
  };
  readonly outputs = ['success', 'insufficient_points', 'limit_reached', 'not_a_member', 'error'] as const;
  readonly runs = 'in-transaction' as const;

  constructor(
    private readonly em: EntityManager,
    private readonly accrue: AccruePoints,
    private readonly redeem: RedeemPoints,
  ) {}

  checkArgs(args: PointsManagementArgs): ArgsProblem[] {
    const problems: ArgsProblem[] = [];
    if (args.amount !== undefined) {
      const problem = pointsArgProblem(args.amount, 'amount', true);
      if (problem) problems.push(problem);
    }
    if (args.expiration_days !== undefined && args.operation !== 'accrue') {
      problems.push({ path: 'expiration_days', message: 'applies to accrue only' });
    }
    if (typeof args.promotion_id === 'number' && (!Number.isInteger(args.promotion_id) || args.promotion_id < 1)) {
      problems.push({ path: 'promotion_id', message: 'must be a positive id or an external id' });
    }
    return problems;
  }

  references(args: PointsManagementArgs): ArgsReference[] {
    const programId = args.loyalty_program_id;
    return [
      { path: 'loyalty_program_id', kind: 'loyalty_program', id: programId },
      { path: 'promotion_id', kind: 'promotion', programId, id: args.promotion_id },
      ...(args.points_currency_eid === undefined
        ? []
        : [
            {
              path: 'points_currency_eid',
              kind: 'points_currency' as const,
              programId,
              externalId: args.points_currency_eid,
            },
          ]),
    ];
  }

  async execute(context: NodeContext, args: PointsManagementArgs): Promise<NodeResult> {
    const person = nodePerson(context);
    if (!person) return { output: 'not_a_member', data: { ...NO_PERSON } };
    return answerRefusals(async () => {
      const input = await this.operationInput(context, args, person);
      const answer: PointsOperationAnswer =
        args.operation === 'accrue'
          ? await this.accrue.execute({ ...input, expirationDate: await this.expirationDate(context, args) })
          : await this.redeem.execute(input);
      return {
        output: 'success',
        data: { transaction_id: answer.transaction_id, amount: answer.amount, balance: answer.balance.active_balance },
      };
    }, pointsRefusalOutput);
  }

  private async operationInput(
    context: NodeContext,
    args: PointsManagementArgs,
    person: MatchingInput,
  ): Promise<PointsOperationInput> {
    return {
      programId: args.loyalty_program_id,
      person,
      promotion: args.promotion_id,
      amount: args.amount === undefined ? null : pointsArgText(args.amount),
      points_currency_eid: args.points_currency_eid ?? (await this.ruleCurrency(args)),
      transactionEid: context.effectKey,
      fingerprint: requestFingerprint({ node: this.code, args, person }),
    };
  }

  /** With no currency named, the promotion's one rule for the operation names it. */
  private async ruleCurrency(args: PointsManagementArgs): Promise<string> {
    const promotion = await findPromotion(this.em, args.loyalty_program_id, args.promotion_id, 'reference');
    const rules = promotion.rules as unknown as Partial<TriggerRules>;
    const list = (args.operation === 'accrue' ? rules.accrual_rules : rules.redeem_rules) ?? [];
    const currencies = [...new Set(list.map((rule) => rule.points_currency_eid))];
    if (currencies.length !== 1) {
      throw DomainError.invalid(
        'points_currency_eid',
        `is required: the promotion has ${args.operation} rules for ${currencies.length} currencies`,
      );
    }
    return currencies[0];
  }

  /** `expiration_days: N` as a date alone, which the ledger reads as the end of that day in the program's zone. */
  private async expirationDate(context: NodeContext, args: PointsManagementArgs): Promise<string | null> {
    if (args.expiration_days === undefined) return null;
    const program = await this.em.findOne(LoyaltyProgram, { id: args.loyalty_program_id });
    if (!program) throw DomainError.notFound(`Loyalty program ${args.loyalty_program_id}`);
    return formatDateOnly(addToLocalDate(localDateParts(context.now, program.timezone), args.expiration_days, 'day'));
  }
}

/** The ledger reads amounts as decimal text (and checks them again at the currency's precision). */
function pointsArgText(amount: string | number): string {
  return typeof amount === 'string' ? amount : Points.format(pointsArg(amount, 'amount'));
}
