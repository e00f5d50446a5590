import { Injectable } from '@nestjs/common';
import { DomainError, Points } from '@loyalty/kernel';
import type { MatchingInput } from '@loyalty/profiles';
import { balanceAnswer } from '../../domain/balance-answer';
import { programInstant } from '../../domain/operation-dates';
import { applicableTriggerRule, ruleAmount } from '../../domain/trigger-rule';
import { LedgerRunner } from '../../ledger/ledger-runner';
import { consumeLimits, countUse } from '../../ledger/promotion-limits';
import type { CurrencyReference } from '../../repositories/program-lookup';
import { DEFAULT_TEMP_TIMEOUT_SEC, PointsOperationAnswer } from './accrue-points.use-case';

export interface RedeemPointsInput extends CurrencyReference {
  programId: number;
  person: MatchingInput;
  promotion: number | string;
  amount?: string | null;
  isTemp?: boolean | null;
  tempTimeoutSec?: number | null;
  createdAt?: string | null;
  transactionEid?: string | null;
  externalData?: unknown;
  fingerprint: string;
}

/**
 * `loyalty/redeem_points` (and `redeeme_points`): spends active points through a trigger
 * promotion's redeem rule, never below zero (error 9); `is_temp` holds them instead.
 */
@Injectable()
export class RedeemPoints {
  constructor(private readonly runner: LedgerRunner) {}

  execute(input: RedeemPointsInput): Promise<PointsOperationAnswer> {
    return this.runner.run(
      {
        programId: input.programId,
        person: input.person,
        transactionEid: input.transactionEid,
        fingerprint: input.fingerprint,
      },
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
          currency,
          amount,
          createdAt: input.createdAt ? programInstant(input.createdAt, program, 'start', 'created_at') : undefined,
          tempDeadline: input.isTemp
            ? new Date(ledger.now.getTime() + (input.tempTimeoutSec ?? DEFAULT_TEMP_TIMEOUT_SEC) * 1000)
            : null,
          transactionEid: input.transactionEid,
          promotionId: promotion.id,
          externalData: input.externalData,
          sourceType: 'promotion',
          sourceIid: String(promotion.id),
          sourceEid: promotion.externalId,
        });
        const answer = {
          transaction_id: transaction.id,
          transaction_eid: transaction.transactionEid,
          amount: Points.format(amount),
          balance: balanceAnswer(ledger.balance(currency)),
        };
        return { answer, transaction };
      },
    );
  }
}
