import type { EntityManager } from '@mikro-orm/postgresql';
import { activateLot, expireLot, netBalance, planSettlement } from '@loyalty/loyalty-engine';
import { NewOutboxEvent, outboxInsert } from '@loyalty/platform';
import { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { PointsCurrency } from '../entities/points-currency.entity';
import { expirationRow } from '../ledger/expiration-row';
import { insertTransactions, LotRow, NewTransaction, runTogether, saveLots } from '../ledger/ledger-store';
import { MemberLedger } from '../ledger/member-ledger';
import { activationEvent, PointsEventOwner, transactionEvent } from '../ledger/points-events';
import { accountsWithDueTemporaries, DueOwner, loadDueLots, lockDueOwners, saveAccountBalances } from './due-store';

/**
 * What one pass did. `accounts` is how many points accounts it locked (0: nothing was due, or all
 * of it was held elsewhere); an account another pass settled a moment before counts here with
 * nothing done, so effects are counted by `activated` and `expired`.
 */
export interface SettlementPass {
  accounts: number;
  activated: number;
  expired: number;
  /** Accounts settled one member at a time through `MemberLedger` (holds past their deadline, tiers). */
  throughLedger: number;
}

/**
 * One pass of the worker over a tenant's due ledger work at `now`, in one database transaction:
 * up to `limit` points accounts are locked (skipping any that a request or another pass holds),
 * their due lots are activated and expired in bulk — `expiration` transactions dated at each lot's
 * expiry instant, `points.activated` and `points.expired` events — and the accounts' caches move.
 * An account with a temporary transaction past its deadline, or a qualification account whose lots
 * activate (tiers may change), is settled through `MemberLedger`, the path every request takes.
 *
 * Idempotent: a lot's flags say it was processed, so a second pass (or a request's own settlement
 * under the member's lock) finds nothing left to do for it.
 */
export async function settleDueLedgers(
  em: EntityManager,
  tenant: number,
  now: Date,
  limit: number,
): Promise<SettlementPass> {
  return em.transactional(async (tx) => {
    const owners = await lockDueOwners(tx, tenant, now, limit);
    const ids = owners.map((owner) => owner.account.id);
    const lots = await loadDueLots(tx, ids, now);
    const withDueTemporaries = await accountsWithDueTemporaries(tx, ids, now);
    const lotsByAccount = groupBy(lots, (lot) => lot.pointsAccount);
    const throughLedger = owners.filter((owner) =>
      needsLedger(owner, lotsByAccount.get(owner.account.id) ?? [], withDueTemporaries, now),
    );
    const inBulk = owners.filter((owner) => !throughLedger.includes(owner));
    const bulk = await settleInBulk(tx, inBulk, lotsByAccount, now);
    await settleThroughLedgers(tx, throughLedger, now);
    return { accounts: owners.length, ...bulk, throughLedger: throughLedger.length };
  });
}

/**
 * Holds past their deadline release promotion limits and allocations, and qualification points
 * that activate may reach a tier: those accounts take `MemberLedger`'s path. Frozen accounts
 * (deleted members) have nothing left but flags to set.
 */
function needsLedger(owner: DueOwner, lots: LotRow[], withDueTemporaries: Set<number>, now: Date): boolean {
  if (owner.account.frozen) return false;
  if (withDueTemporaries.has(owner.account.id)) return true;
  return owner.currencyType === 'qualification' && lots.some((lot) => !lot.activated && lot.activationAt <= now);
}

/** What settling one account in bulk produced, before it is written. */
interface AccountSettlement {
  activated: number;
  events: NewOutboxEvent[];
  expirations: { row: NewTransaction; owner: PointsEventOwner }[];
}

/** Applies one account's plan to its row and lots in memory: activations, then expiries. */
function settleAccount(owner: DueOwner, lots: LotRow[], now: Date): AccountSettlement {
  const account = owner.account;
  const byId = new Map(lots.map((lot) => [lot.id, lot]));
  const eventOwner = {
    tenant: account.tenant,
    programId: owner.programId,
    profileId: owner.profileId,
    currencyEid: owner.currencyEid,
  };
  const posting = {
    tenant: account.tenant,
    program: owner.programId,
    member: account.member,
    pointsAccount: account.id,
  };
  const plan = planSettlement(lots, [], now);
  const done: AccountSettlement = { activated: plan.activate.length, events: [], expirations: [] };
  for (const lotId of plan.activate) {
    const lot = byId.get(lotId) as LotRow;
    const activated = activateLot(account, lot);
    if (activated.amount > 0n) done.events.push(activationEvent(eventOwner, lot, activated));
  }
  for (const expiry of plan.expire) {
    const lot = byId.get(expiry.lotId) as LotRow;
    const amount = expireLot(account, lot);
    if (amount === 0n) continue;
    const row = expirationRow(posting, netBalance(account).total, lot, amount, expiry.at, now);
    done.expirations.push({ row, owner: eventOwner });
  }
  return done;
}

/** Settles the accounts in memory, then writes them in two round trips (the expirations, then lots, accounts and events). */
async function settleInBulk(
  em: EntityManager,
  owners: DueOwner[],
  lotsByAccount: Map<number, LotRow[]>,
  now: Date,
): Promise<{ activated: number; expired: number }> {
  const settled = owners.map((owner) => settleAccount(owner, lotsByAccount.get(owner.account.id) ?? [], now));
  const expirations = settled.flatMap((account) => account.expirations);
  const events = settled.flatMap((account) => account.events);
  const posted = await insertTransactions(
    em,
    expirations.map((expiration) => expiration.row),
  );
  posted.forEach((transaction, index) =>
    events.push(transactionEvent('points.expired', expirations[index].owner, transaction)),
  );
  const changedLots = owners.flatMap((owner) => lotsByAccount.get(owner.account.id) ?? []);
  const outbox = outboxInsert(events);
  await runTogether(em, [
    ...saveLots(changedLots),
    ...saveAccountBalances(owners.map((owner) => owner.account)),
    ...(outbox ? [outbox] : []),
  ]);
  return {
    activated: settled.reduce((sum, account) => sum + account.activated, 0),
    expired: changedLots.filter((lot) => lot.expired).length,
  };
}

/** Settles each member's accounts through `MemberLedger` (their rows are already locked by this transaction). */
async function settleThroughLedgers(em: EntityManager, owners: DueOwner[], now: Date): Promise<void> {
  const byMember = groupBy(owners, (owner) => owner.account.member);
  for (const [memberId, memberOwners] of byMember) {
    const first = memberOwners[0];
    const program = await em.findOneOrFail(LoyaltyProgram, { id: first.programId }, { filters: false });
    const currencies = await em.find(
      PointsCurrency,
      { id: { $in: memberOwners.map((owner) => owner.account.currency) } },
      { filters: false },
    );
    const member = {
      id: memberId,
      account: first.account.tenant,
      program: first.programId,
      profile: first.profileId,
      registeredAt: first.registeredAt,
    };
    const ledger = await MemberLedger.open(em, program, member, currencies, now);
    await ledger.finish();
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
