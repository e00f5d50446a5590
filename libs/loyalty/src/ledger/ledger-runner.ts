import { Inject, Injectable } from '@nestjs/common';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { AccountContext, CLOCK } from '@loyalty/platform';
import type { MatchingInput } from '@loyalty/profiles';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import type { MemberRef } from '../repositories/member-lookup';
import { Member } from '../entities/member.entity';
import { PointsAccount } from '../entities/points-account.entity';
import { PointsCurrency } from '../entities/points-currency.entity';
import { requireActiveProgram, requireProgramMember } from '../repositories/member-lookup';
import { requireProgram } from '../repositories/program-lookup';
import { findTransactionByEid, findTransactionById, storeAnswer, TransactionRow } from './ledger-store';
import { MemberLedger } from './member-ledger';
import { ProgramConfig } from '../read-model/program-config';
import { ProgramConfigCache } from '../read-model/program-config-cache';

export interface LedgerRequest {
  programId: number;
  person: MatchingInput;
  /** The business key: the same key with the same request answers the stored answer. */
  transactionEid?: string | null;
  /** Fingerprint of the method and body, to tell a replay from a different request (error 6). */
  fingerprint: string;
}

export interface LedgerScope {
  em: EntityManager;
  config: ProgramConfig;
  program: LoyaltyProgram;
  member: MemberRef;
}

/**
 * Runs one points operation for one member in one database transaction: finds the program and
 * the member, answers a replay of a known `transaction_eid` from the stored answer, locks the
 * member's accounts in the currencies the operation touches, lets `work` post, and stores the
 * answer on the transaction it made.
 */
@Injectable()
export class LedgerRunner {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly programs: ProgramConfigCache,
  ) {}

  async run<T>(
    request: LedgerRequest,
    currencies: (scope: LedgerScope) => Promise<PointsCurrency[]>,
    work: (ledger: MemberLedger, scope: LedgerScope) => Promise<{ answer: T; transaction: TransactionRow }>,
  ): Promise<T> {
    try {
      return await this.em.transactional(async (em) => {
        const found = await requireProgramMember(em, request.programId, AccountContext.accountId(), request.person);
        const config = await this.programs.at(em, request.programId, found.configVersion);
        const program = config.program as LoyaltyProgram;
        const { member } = found;
        const scope = { em, config, program, member };
        const replay = await this.storedAnswer<T>(scope, request);
        if (replay !== undefined) return replay;
        requireActiveProgram(program);
        const ledger = await MemberLedger.open(em, program, member, await currencies(scope), this.clock.now());
        const lateReplay = await this.storedAnswer<T>(scope, request);
        if (lateReplay !== undefined) return lateReplay;
        const { answer, transaction } = await work(ledger, scope);
        if (request.transactionEid)
          ledger.atTheEnd(storeAnswer(transaction.id, request.fingerprint, JSON.stringify(answer)));
        await ledger.finish();
        return answer;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException && request.transactionEid)
        throw eidTaken(request.transactionEid);
      throw error;
    }
  }

  /**
   * An operation on an existing transaction (commit, rollback, cancel): the transaction is the
   * method's subject (404 when missing), and its member's account in its currency is locked.
   */
  async runOnTransaction<T>(
    programId: number,
    reference: { transactionId?: number | null; transactionEid?: string | null },
    work: (ledger: MemberLedger, transaction: TransactionRow, currency: PointsCurrency) => Promise<T>,
  ): Promise<T> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, programId);
      if (reference.transactionId == null && reference.transactionEid == null) {
        throw DomainError.invalid('transaction_id', 'transaction_id or transaction_eid is required');
      }
      const transaction =
        reference.transactionId != null
          ? await findTransactionById(em, program.id, reference.transactionId)
          : await findTransactionByEid(em, program.id, reference.transactionEid as string);
      if (!transaction)
        throw DomainError.notFound(`Transaction ${reference.transactionId ?? reference.transactionEid}`);
      requireActiveProgram(program);
      const member = await em.findOneOrFail(Member, { id: transaction.member });
      const account = await em.findOneOrFail(PointsAccount, { id: transaction.pointsAccount });
      const currency = await em.findOneOrFail(PointsCurrency, { id: account.currency });
      const ledger = await MemberLedger.open(em, program, member, [currency], this.clock.now());
      // Read again under the lock: opening the ledger may have timed the transaction out.
      const current = (await findTransactionById(em, program.id, transaction.id)) as TransactionRow;
      const answer = await work(ledger, current, currency);
      await ledger.finish();
      return answer;
    });
  }

  /** The answer stored for this `transaction_eid`, or undefined; error 6 when the eid came with another request. */
  private async storedAnswer<T>(scope: LedgerScope, request: LedgerRequest): Promise<T | undefined> {
    if (!request.transactionEid) return undefined;
    const stored = await findTransactionByEid(scope.em, scope.program.id, request.transactionEid);
    if (!stored) return undefined;
    if (stored.requestFingerprint !== request.fingerprint || stored.member !== scope.member.id)
      throw eidTaken(request.transactionEid);
    return JSON.parse(stored.response ?? 'null') as T;
  }
}

function eidTaken(eid: string): DomainError {
  return new DomainError('IDEMPOTENCY_MISMATCH', `transaction_eid ${eid} was used with a different request`, {
    fields: [{ path: 'transaction_eid', message: 'already used with a different request' }],
  });
}
