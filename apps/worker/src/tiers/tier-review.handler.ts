import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { JobPayloads } from '@loyalty/contracts';
import { Clock } from '@loyalty/kernel';
import { RunTierReview } from '@loyalty/loyalty';
import { CLOCK, LOGGER } from '@loyalty/platform';
import { HandlesJob, JobHandler } from '../jobs/job-handler';
import { TierReviewScheduler } from './tier-review-scheduler';

/**
 * Runs a periodic group's review (idempotent: a review already done changes nothing), then queues
 * the group's next review. A job that fires before its instant on the platform clock does nothing;
 * the sweep queues it again once it is due.
 */
@Injectable()
@HandlesJob('loyalty.tiers.review')
export class TierReviewHandler implements JobHandler<'loyalty.tiers.review'> {
  constructor(
    private readonly runReview: RunTierReview,
    private readonly scheduler: TierReviewScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(payload: JobPayloads['loyalty.tiers.review']): Promise<void> {
    const outcome = await this.runReview.execute(payload.tier_group_id, new Date(payload.review_at));
    this.logger.info({ group: payload.tier_group_id, review_at: payload.review_at, ...outcome }, 'tier review');
    if (outcome.status === 'done') await this.scheduler.sync(this.clock.now());
  }
}
