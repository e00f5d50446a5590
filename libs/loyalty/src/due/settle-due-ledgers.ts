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

/** What one pass did. `accounts` is how many points accounts it settled (0: nothing was due or free). */
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
    const throughLedger = owners.filter(
      (owner) =>
        !owner.account.frozen &&
        (withDueTemporaries.has(owner.account.id) ||
          (owner.currencyType === 'qualification' &&
            (lotsByAccount.get(owner.account.id) ?? []).some((lot) => !lot.activated && lot.activationAt <= now))),
    );
    const inBulk = owners.filter((owner) => !throughLedger.includes(owner));
    const bulk = await settleInBulk(tx, inBulk, lotsByAccount, now);
    await settleThroughLedgers(tx, throughLedger, now);
    return { accounts: owners.length, ...bulk, throughLedger: throughLedger.length };
  });
}

async function settleInBulk(
  em: EntityManager,
  owners: DueOwner[],
  lotsByAccount: Map<number, LotRow[]>,
  now: Date,
): Promise<{ activated: number; expired: number }> {
  const changedLots: LotRow[] = [];
  const expirations: { row: NewTransaction; owner: PointsEventOwner }[] = [];
  const events: NewOutboxEvent[] = [];
  let activated = 0;
  for (const owner of owners) {
    const account = owner.account;
    const lots = lotsByAccount.get(account.id) ?? [];
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
    for (const lotId of plan.activate) {
      const lot = byId.get(lotId) as LotRow;
      const done = activateLot(account, lot);
      if (done.amount > 0n) events.push(activationEvent(eventOwner, lot, done));
      activated += 1;
    }
    for (const expiry of plan.expire) {
      const lot = byId.get(expiry.lotId) as LotRow;
      const amount = expireLot(account, lot);
      if (amount > 0n) {
        const row = expirationRow(posting, netBalance(account).total, lot, amount, expiry.at, now);
        expirations.push({ row, owner: eventOwner });
      }
    }
    changedLots.push(...lots);
  }
  const posted = await insertTransactions(
    em,
    expirations.map((expiration) => expiration.row),
  );
  posted.forEach((transaction, index) =>
    events.push(transactionEvent('points.expired', expirations[index].owner, transaction)),
  );
  const outbox = outboxInsert(events);
  await runTogether(em, [
    ...saveLots(changedLots),
    ...saveAccountBalances(owners.map((owner) => owner.account)),
    ...(outbox ? [outbox] : []),
  ]);
  const expired = changedLots.filter((lot) => lot.expired).length;
  return { activated, expired };
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
