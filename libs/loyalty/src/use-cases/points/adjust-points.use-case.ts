import { Inject, Injectable } from '@nestjs/common';
import { Clock, DomainError, Points } from '@loyalty/kernel';
import { CLOCK, recordAudit } from '@loyalty/platform';
import type { MatchingInput } from '@loyalty/profiles';
import { accrualDates } from '../../domain/operation-dates';
import { LedgerRunner } from '../../ledger/ledger-runner';
import type { CurrencyReference } from '../../repositories/program-lookup';
import { operationAnswer, PointsOperationAnswer } from './points-operation';

export interface AdjustPointsInput extends CurrencyReference {
  programId: number;
  person: MatchingInput;
  /** Signed points. */
  amount: string;
  reason: string;
  transactionEid?: string | null;
  fingerprint: string;
}

/**
 * `loyalty/adjust_points` (admin): a manual correction for customer service, audited with the
 * token and the reason. A positive amount is a new lot; a negative one is taken from active points
 * (below zero only where the currency allows negative balances, else error 9).
 */
@Injectable()
export class AdjustPoints {
  constructor(
    private readonly runner: LedgerRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(input: AdjustPointsInput): Promise<PointsOperationAnswer> {
    return this.runner.run(
      {
        programId: input.programId,
        person: input.person,
        transactionEid: input.transactionEid,
        fingerprint: input.fingerprint,
      },
      async ({ config }) => [config.currency(input)],
      async (ledger, { em, config, program }) => {
        const currency = config.currency(input);
        const amount = Points.requirePrecision(Points.parse(input.amount, 'amount'), currency.precision);
        if (amount === 0n) throw DomainError.invalid('amount', 'must not be zero');
        const details = { transactionEid: input.transactionEid, description: input.reason, sourceType: 'adjustment' };
        const transaction =
          amount > 0n
            ? await ledger.accrue({
                ...details,
                currency,
                amount,
                type: 'adjustment',
                ...accrualDates(program, currency, ledger.now, {}),
              })
            : await ledger.redeem({
                ...details,
                currency,
                amount: -amount,
                type: 'adjustment',
                allowDebt: currency.allowNegative,
              });
        recordAudit(em, this.clock, {
          entityType: 'points_transaction',
          entityId: transaction.id,
          action: 'adjust',
          after: {
            profile_id: ledger.member.profile,
            points_currency_eid: currency.externalId,
            amount: Points.format(amount),
          },
          reason: input.reason,
        });
        return { answer: operationAnswer(transaction, amount, ledger.balance(currency)), transaction };
      },
    );
  }
}
