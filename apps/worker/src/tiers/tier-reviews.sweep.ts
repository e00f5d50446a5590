import { Injectable } from '@nestjs/common';
import { SweepTask } from '../sweep/sweep-task';
import { TierReviewScheduler } from './tier-review-scheduler';

/**
 * Restores what Redis lost: every periodic group's due review not done gets its job again, and its
 * next review a delayed job, from the `tier_reviews` rows and the groups' schedules.
 */
@Injectable()
export class TierReviewsSweep extends SweepTask {
  readonly name = 'tier-reviews';

  constructor(private readonly scheduler: TierReviewScheduler) {
    super();
  }

  async run(now: Date): Promise<void> {
    await this.scheduler.sync(now);
  }
}
