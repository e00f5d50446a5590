import { Injectable } from '@nestjs/common';
import { DomainError } from '@loyalty/kernel';
import { programInstant } from '../../domain/operation-dates';
import { applicableTriggerRule, ruleAmount } from '../../domain/trigger-rule';
import { LedgerRunner } from '../../ledger/ledger-runner';
import { consumeLimits, countUse } from '../../ledger/promotion-limits';
import {
  fromPromotion,
  ledgerRequest,
  operationAnswer,
  PointsOperationAnswer,
  PointsOperationInput,
  tempDeadline,
} from './points-operation';

export type RedeemPointsInput = PointsOperationInput;

/**
 * `loyalty/redeem_points` (and `redeeme_points`): spends active points through a trigger
 * promotion's redeem rule, never below zero (error 9); `is_temp` holds them instead.
 */
@Injectable()
export class RedeemPoints {
  constructor(private readonly runner: LedgerRunner) {}

  execute(input: RedeemPointsInput): Promise<PointsOperationAnswer> {
    return this.runner.run(
      ledgerRequest(input),
      async ({ config }) => [config.currency(input)],
      async (ledger, { em, config, program, member }) => {
        const currency = config.currency(input);
        if (currency.type === 'qualification') {
          throw DomainError.invalid('points_currency_eid', 'qualification points cannot be redeemed');
        }
        const promotion = config.promotion(input.promotion);
        const rule = applicableTriggerRule(promotion, currency.externalId, 'redemption', ledger.now);
        const amount = ruleAmount(rule, input.amount, currency.precision);
        const { countLater } = await consumeLimits(em, {
          promotion,
          member,
          program,
          at: ledger.now,
          budgetAmount: 0n,
        });
        if (countLater) ledger.atTheEnd(countUse(promotion, 0n));
        const transaction = await ledger.redeem({
          ...fromPromotion(input, promotion),
          currency,
          amount,
          createdAt: input.createdAt ? programInstant(input.createdAt, program, 'start', 'created_at') : undefined,
          tempDeadline: tempDeadline(input, ledger.now),
        });
        return { answer: operationAnswer(transaction, amount, ledger.balance(currency)), transaction };
      },
    );
  }
}
