import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { scheduleTierReviews } from '@loyalty/loyalty';
import { JobQueues } from '@loyalty/platform';

/** Queues every periodic group's due and next review (see `scheduleTierReviews`). */
@Injectable()
export class TierReviewScheduler {
  constructor(
    private readonly orm: MikroORM,
    private readonly queues: JobQueues,
  ) {}

  sync(now: Date): Promise<void> {
    return scheduleTierReviews(this.orm.em.fork(), this.queues, now);
  }
}
