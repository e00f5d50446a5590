import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import { MatchingInput, MatchingKind, parseMatching } from '@loyalty/profiles';
import { accrualDates } from '../../domain/operation-dates';
import { parsePointsInput } from '../../domain/points-input';
import { PointsTransaction } from '../../entities/points-transaction.entity';
import { MemberLedger } from '../../ledger/member-ledger';
import { registerMember } from '../../ledger/membership';
import { requireActiveProgram } from '../../repositories/member-lookup';
import { requireCurrency, requireProgram } from '../../repositories/program-lookup';

export const MAX_LOTS_PER_LEDGER_IMPORT = 1_000;

export interface LedgerImportItem extends Omit<MatchingInput, 'matching'> {
  points_currency_eid: string;
  amount: string;
  created_at: string;
  activation_date?: string | null;
  expiration_date?: string | null;
  transaction_eid?: string | null;
}

/**
 * `loyalty/ledger/import` (admin): brings balances from another platform, one lot per item with its
 * original dates, registering members as needed (without initial balances) and exempt from
 * promotion limits; all or nothing, and each item idempotent by its `transaction_eid`.
 */
@Injectable()
export class ImportLedger {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(input: {
    programId: number;
    matching: MatchingKind;
    items: LedgerImportItem[];
  }): Promise<{ imported: number; replayed: number; transactionIds: number[] }> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, input.programId);
      requireActiveProgram(program);
      const now = this.clock.now();
      let replayed = 0;
      const transactionIds: number[] = [];
      for (const [index, item] of input.items.entries()) {
        try {
          const known = item.transaction_eid
            ? await em.findOne(PointsTransaction, { program: program.id, transactionEid: item.transaction_eid })
            : null;
          if (known) {
            replayed += 1;
            transactionIds.push(known.id);
            continue;
          }
          const match = parseMatching({ ...item, matching: input.matching });
          const currency = await requireCurrency(em, program, { points_currency_eid: item.points_currency_eid });
          const amount = parsePointsInput(item.amount, currency.precision, 'amount');
          const dates = accrualDates(program, currency, now, item);
          const { member } = await registerMember(em, program, match, {
            registeredAt: dates.createdAt,
            now,
            grantInitialBalance: false,
          });
          const ledger = await MemberLedger.open(em, program, member, [currency], now);
          const transaction = await ledger.accrue({
            currency,
            amount,
            activationAt: dates.activationAt,
            expiresAt: dates.expiresAt,
            createdAt: dates.createdAt,
            transactionEid: item.transaction_eid,
            description: 'Imported balance',
            sourceType: 'import',
          });
          await ledger.finish();
          transactionIds.push(transaction.id);
          // Every item is written by now: forget its entities, or each later flush walks all of
          // them again (an import slowed down with every item it had done).
          em.clear();
        } catch (error) {
          throw error instanceof DomainError ? error.atPath(`data[${index}]`) : error;
        }
      }
      return { imported: input.items.length - replayed, replayed, transactionIds };
    });
  }
}
