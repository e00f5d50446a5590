import { Injectable } from '@nestjs/common';
import { accrualDates } from '../../domain/operation-dates';
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

export interface AccruePointsInput extends PointsOperationInput {
  activationDate?: string | null;
  expirationDate?: string | null;
}

/** `loyalty/accrue_points`: points for an action, through a trigger promotion's accrual rule. */
@Injectable()
export class AccruePoints {
  constructor(private readonly runner: LedgerRunner) {}

  execute(input: AccruePointsInput): Promise<PointsOperationAnswer> {
    return this.runner.run(
      ledgerRequest(input),
      async ({ config }) => [config.currency(input)],
      async (ledger, { em, config, program, member }) => {
        const currency = config.currency(input);
        const promotion = config.promotion(input.promotion);
        const rule = applicableTriggerRule(promotion, currency.externalId, 'accrual', ledger.now);
        const requested = ruleAmount(rule, input.amount, currency.precision);
        const dates = accrualDates(program, currency, ledger.now, {
          created_at: input.createdAt,
          activation_date: input.activationDate,
          expiration_date: input.expirationDate,
        });
        const use = { promotion, member, program, at: ledger.now, budgetAmount: requested };
        const { granted: amount, countLater } = await consumeLimits(em, use);
        if (countLater) ledger.atTheEnd(countUse(promotion, amount));
        const transaction = await ledger.accrue({
          ...fromPromotion(input, promotion),
          currency,
          amount,
          activationAt: dates.activationAt,
          expiresAt: dates.expiresAt,
          createdAt: dates.createdAt,
          tempDeadline: tempDeadline(input, ledger.now),
        });
        return { answer: operationAnswer(transaction, amount, ledger.balance(currency)), transaction };
      },
    );
  }
}
