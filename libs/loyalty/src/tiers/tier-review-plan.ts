import type { EntityManager } from '@mikro-orm/postgresql';
import { nextReviewAfter, reviewsBetween } from '@loyalty/loyalty-engine';
import { TierGroup } from '../entities/tier-group.entity';
import { lastDoneReview, periodicGroupOf } from './periodic-tier-store';

/** What the queue should hold for one periodic group. */
export interface GroupReviewPlan {
  groupId: number;
  /** The latest review due and not done (its job runs every earlier undone review first), or null. */
  due: Date | null;
  /** The next review after now (a delayed job). */
  next: Date;
}

/**
 * The reviews every periodic group of every account needs, read from the database (the source of
 * truth; the queue only makes them happen on time): a group's first review is the first review
 * instant after it was created, and reviews finish in order.
 */
export async function planTierReviews(em: EntityManager, now: Date): Promise<GroupReviewPlan[]> {
  const groups = await em.find(TierGroup, { type: 'periodic' }, { filters: false, orderBy: { id: 'asc' } });
  const plans: GroupReviewPlan[] = [];
  for (const group of groups) {
    const periodic = await periodicGroupOf(em, group);
    if (!periodic) continue;
    const done = await lastDoneReview(em, group.id);
    const after = done && done > group.createdAt ? done : group.createdAt;
    const due = reviewsBetween(periodic.schedule, after, now);
    plans.push({
      groupId: group.id,
      due: due.length > 0 ? due[due.length - 1] : null,
      next: nextReviewAfter(periodic.schedule, now > after ? now : after),
    });
  }
  return plans;
}
