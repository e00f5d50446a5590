import { Module } from '@nestjs/common';
import { LedgerRunner } from '../ledger/ledger-runner';
import { ProgramConfigCache } from '../read-model/program-config-cache';
import { GetBalance } from '../use-cases/account/get-balance.use-case';
import { GetExpiringPoints } from '../use-cases/account/get-expiring-points.use-case';
import { GetMemberTiers } from '../use-cases/account/get-member-tiers.use-case';
import { ListTransactions } from '../use-cases/account/list-transactions.use-case';
import { DeleteMember } from '../use-cases/members/delete-member.use-case';
import { ImportMembers } from '../use-cases/members/import-members.use-case';
import { ListMembers } from '../use-cases/members/list-members.use-case';
import { RegisterMember } from '../use-cases/members/register-member.use-case';
import { AccruePoints } from '../use-cases/points/accrue-points.use-case';
import { AdjustPoints } from '../use-cases/points/adjust-points.use-case';
import { ImportLedger } from '../use-cases/points/import-ledger.use-case';
import { RedeemPoints } from '../use-cases/points/redeem-points.use-case';
import { CancelTransaction } from '../use-cases/points/cancel-transaction.use-case';
import { CommitTransaction } from '../use-cases/points/commit-transaction.use-case';
import { RollbackTransaction } from '../use-cases/points/rollback-transaction.use-case';

const useCases = [
  RegisterMember,
  DeleteMember,
  ListMembers,
  ImportMembers,
  AccruePoints,
  RedeemPoints,
  AdjustPoints,
  ImportLedger,
  CommitTransaction,
  RollbackTransaction,
  CancelTransaction,
  GetBalance,
  ListTransactions,
  GetExpiringPoints,
  GetMemberTiers,
];

/** Members, the points ledger and the points API's use cases. */
@Module({ providers: [ProgramConfigCache, LedgerRunner, ...useCases], exports: [ProgramConfigCache, ...useCases] })
export class LoyaltyModule {}
