import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import {
  baseTier,
  ReviewPeriod,
  reviewPeriodEndingAt,
  reviewPeriodicTier,
  reviewsBetween,
} from '@loyalty/loyalty-engine';
import { CLOCK, NewOutboxEvent, outboxInsert } from '@loyalty/platform';
import { tierChangedEvent } from '../ledger/tier-keeper';
import { latestTiers, lastDoneReview, loadPeriodicGroup, PeriodicGroup, periodLots } from './periodic-tier-store';

/** Members reviewed per transaction. */
export const TIER_REVIEW_BATCH = 1_000;

/** The deterministic job id of a group's review at an instant (no `:` in BullMQ ids). */
export const tierReviewJobId = (groupId: number, reviewAt: Date) => `tier-review-${groupId}-${reviewAt.getTime()}`;

export interface TierReviewOptions {
  /** Members per transaction (default `TIER_REVIEW_BATCH`). */
  batchSize?: number;
  /** Stop after this many batches (tests simulate a review that dies halfway). */
  maxBatches?: number;
}

export interface TierReviewOutcome {
  /** `done`: every review up to the instant has run; `partial`: stopped by `maxBatches`; `not-due`: in the future; `skipped`: not a periodic group. */
  status: 'done' | 'partial' | 'not-due' | 'skipped';
  /** The review instants this call worked on, oldest first. */
  reviews: Date[];
  /** Members whose tier this call changed. */
  membersChanged: number;
}

type Raw = Record<string, unknown>;

/**
 * Runs the review of a periodic tier group at `reviewAt` (`loyalty.tiers.review`), first any earlier
 * review of the group still undone (reviews run in order: each starts from the tiers the previous
 * one left). A review goes through the program's active members registered before it, in id order,
 * one transaction per batch; each batch locks the review's row, writes the members' tier changes
 * (`member_tier_history` rows and `tier.changed` events, reached at the review instant) and moves
 * the review's cursor, so a review that dies resumes after its last committed batch and a second
 * run changes nothing. A member whose latest recorded tier is already dated at or after the review
 * is left alone as well.
 */
@Injectable()
export class RunTierReview {
  constructor(
    private readonly orm: MikroORM,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(groupId: number, reviewAt: Date, options: TierReviewOptions = {}): Promise<TierReviewOutcome> {
    const em = this.orm.em.fork();
    const periodic = await loadPeriodicGroup(em, groupId);
    if (!periodic) return { status: 'skipped', reviews: [], membersChanged: 0 };
    if (reviewAt.getTime() > this.clock.now().getTime()) return { status: 'not-due', reviews: [], membersChanged: 0 };
    const done = await lastDoneReview(em, groupId);
    const after = done && done > periodic.group.createdAt ? done : periodic.group.createdAt;
    const reviews = reviewsBetween(periodic.schedule, after, reviewAt);
    const budget = { batches: options.maxBatches ?? Number.POSITIVE_INFINITY };
    let membersChanged = 0;
    for (const review of reviews) {
      const outcome = await this.review(em, periodic, review, options.batchSize ?? TIER_REVIEW_BATCH, budget);
      membersChanged += outcome.changed;
      if (!outcome.done) return { status: 'partial', reviews, membersChanged };
    }
    return { status: 'done', reviews, membersChanged };
  }

  private async review(
    em: EntityManager,
    periodic: PeriodicGroup,
    reviewAt: Date,
    batchSize: number,
    budget: { batches: number },
  ): Promise<{ done: boolean; changed: number }> {
    const period = reviewPeriodEndingAt(periodic.schedule, reviewAt);
    await em.execute(
      `insert into tier_reviews (account_id, group_id, review_at, period_start, status, last_member_id, members_changed, started_at)
       values (?, ?, ?, ?, 'running', 0, 0, ?)
       on conflict (group_id, review_at) do nothing`,
      [periodic.group.account, periodic.group.id, reviewAt, period.start, this.clock.now()],
    );
    let changed = 0;
    while (budget.batches > 0) {
      budget.batches -= 1;
      const step = await em.transactional((tx) => this.batch(tx, periodic, period, batchSize));
      changed += step.changed;
      if (step.done) return { done: true, changed };
    }
    return { done: false, changed };
  }

  private async batch(
    tx: EntityManager,
    periodic: PeriodicGroup,
    period: ReviewPeriod,
    batchSize: number,
  ): Promise<{ done: boolean; changed: number }> {
    const { group, program, tiers, ladder, schedule } = periodic;
    const reviewAt = period.end;
    const [review]: Raw[] = await tx.execute(
      `select id, status, last_member_id from tier_reviews where group_id = ? and review_at = ? for update`,
      [group.id, reviewAt],
    );
    if (!review || review['status'] === 'done') return { done: true, changed: 0 };
    const members: Raw[] = await tx.execute(
      `select id, profile_id from members
        where program_id = ? and status = 'active' and id > ? and registered_at < ?
        order by id limit ?`,
      [program.id, Number(review['last_member_id']), reviewAt, batchSize],
    );
    const now = this.clock.now();
    if (members.length === 0) {
      await tx.execute(`update tier_reviews set status = 'done', completed_at = ? where id = ?`, [now, review['id']]);
      return { done: true, changed: 0 };
    }
    const ids = members.map((member) => Number(member['id']));
    const lots = await periodLots(tx, group.currency, ids, period.start, period.end);
    const latest = await latestTiers(tx, group.id, ids);
    const base = baseTier(ladder);
    const rows: unknown[][] = [];
    const events: NewOutboxEvent[] = [];
    for (const member of members) {
      const id = Number(member['id']);
      const held = latest.get(id);
      if (held && held.reachedAt.getTime() >= reviewAt.getTime()) continue;
      const decision = reviewPeriodicTier(ladder, lots.get(id) ?? [], schedule, held?.tierId ?? base, reviewAt);
      if (!decision.changed) continue;
      const tier = tiers.find((candidate) => candidate.id === decision.tierId);
      if (!tier) continue;
      rows.push([group.account, id, group.id, tier.id, reviewAt, now]);
      events.push(
        tierChangedEvent(
          program,
          { account: group.account, profile: member['profile_id'] as string },
          group,
          tier,
          reviewAt,
        ),
      );
    }
    if (rows.length > 0) {
      await tx.execute(
        `insert into member_tier_history (account_id, member_id, group_id, tier_id, reached_at, recorded_at)
         values ${rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
        rows.flat(),
      );
      const outbox = outboxInsert(events);
      if (outbox) await tx.execute(outbox.sql, outbox.params);
    }
    await tx.execute(`update tier_reviews set last_member_id = ?, members_changed = members_changed + ? where id = ?`, [
      ids[ids.length - 1],
      rows.length,
      review['id'],
    ]);
    return { done: false, changed: rows.length };
  }
}
