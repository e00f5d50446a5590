import { Module } from '@nestjs/common';
import { RunTierReview } from './run-tier-review.use-case';

/** Periodic tier reviews, run by the worker (`loyalty.tiers.review`). */
@Module({ providers: [RunTierReview], exports: [RunTierReview] })
export class TierReviewsModule {}
