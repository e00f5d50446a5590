import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobQueues } from '@loyalty/platform';
import { tierReviewJobId } from './run-tier-review.use-case';
import { planTierReviews } from './tier-review-plan';

const JOB = 'loyalty.tiers.review' as const;

const payload = (groupId: number, reviewAt: Date) => ({ tier_group_id: groupId, review_at: reviewAt.toISOString() });

/**
 * Puts in the queue what the database says periodic groups need: the latest due review not done
 * (now; a delayed job still waiting for it is promoted, since the platform clock may run ahead of
 * Redis's) and the next review as a delayed job. Job ids are deterministic
 * (`tier-review-<group>-<epoch ms>`), so calling this again adds nothing.
 */
export async function scheduleTierReviews(em: EntityManager, queues: JobQueues, now: Date): Promise<void> {
  const queue = queues.queue('loyalty');
  for (const plan of await planTierReviews(em, now)) {
    if (plan.due) {
      const jobId = tierReviewJobId(plan.groupId, plan.due);
      const waiting = await queue.getJob(jobId);
      if (waiting && (await waiting.getState()) === 'delayed') await waiting.promote();
      else await queues.requeue(JOB, payload(plan.groupId, plan.due), jobId);
    }
    await queues.enqueue(JOB, payload(plan.groupId, plan.next), {
      jobId: tierReviewJobId(plan.groupId, plan.next),
      delay: plan.next.getTime() - now.getTime(),
    });
  }
}
