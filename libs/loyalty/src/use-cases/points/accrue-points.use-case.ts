import { Injectable } from '@nestjs/common';
import { Points } from '@loyalty/kernel';
import type { MatchingInput } from '@loyalty/profiles';
import { BalanceAnswer, balanceAnswer } from '../../domain/balance-answer';
import { accrualDates } from '../../domain/operation-dates';
import { applicableTriggerRule, ruleAmount } from '../../domain/trigger-rule';
import { LedgerRunner } from '../../ledger/ledger-runner';
import { consumeLimits, countUse } from '../../ledger/promotion-limits';
import type { CurrencyReference } from '../../repositories/program-lookup';

export const DEFAULT_TEMP_TIMEOUT_SEC = 600;

export interface AccruePointsInput extends CurrencyReference {
  programId: number;
  person: MatchingInput;
  promotion: number | string;
  amount?: string | null;
  isTemp?: boolean | null;
  tempTimeoutSec?: number | null;
  createdAt?: string | null;
  activationDate?: string | null;
  expirationDate?: string | null;
  transactionEid?: string | null;
  externalData?: unknown;
  fingerprint: string;
}

export interface PointsOperationAnswer {
  transaction_id: number;
  transaction_eid: string;
  amount: string;
  balance: BalanceAnswer;
}

/** `loyalty/accrue_points`: points for an action, through a trigger promotion's accrual rule. */
@Injectable()
export class AccruePoints {
  constructor(private readonly runner: LedgerRunner) {}

  execute(input: AccruePointsInput): Promise<PointsOperationAnswer> {
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
        const promotion = config.promotion(input.promotion);
        const rule = applicableTriggerRule(promotion, currency.externalId, 'accrual', ledger.now);
        const requested = ruleAmount(rule, input.amount, currency.precision);
        const dates = accrualDates(program, currency, ledger.now, {
          created_at: input.createdAt,
          activation_date: input.activationDate,
          expiration_date: input.expirationDate,
        });
        const { granted: amount, countLater } = await consumeLimits(em, {
          promotion,
          member,
          program,
          at: ledger.now,
          budgetAmount: requested,
        });
        if (countLater) ledger.atTheEnd(countUse(promotion, amount));
        const transaction = await ledger.accrue({
          currency,
          amount,
          activationAt: dates.activationAt,
          expiresAt: dates.expiresAt,
          createdAt: dates.createdAt,
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
