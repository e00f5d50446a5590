import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { TierGroup } from '../entities/tier-group.entity';

export type TierReviewStatus = 'running' | 'done';

/**
 * One review of a periodic tier group at one instant. Members are reviewed in id order, batch by
 * batch; `lastMemberId` moves in the transaction that writes a batch's tier changes, so a review that
 * dies resumes after the last committed batch and changes each member once.
 */
@Entity({ tableName: 'tier_reviews' })
@Unique({ properties: ['group', 'reviewAt'] })
export class TierReview {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => TierGroup, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  group!: number;

  /** The review instant: the end of the period it closes. */
  @Property({ type: 'timestamptz', length: 3 })
  reviewAt!: Date;

  /** The start of the period it closes (the previous review instant). */
  @Property({ type: 'timestamptz', length: 3 })
  periodStart!: Date;

  @Property({ type: 'text' })
  status!: TierReviewStatus;

  /** Members up to this id are reviewed (0: none yet). */
  @Property({ type: idType })
  lastMemberId!: number;

  /** Members whose tier changed. */
  @Property({ type: 'integer' })
  membersChanged!: number;

  @Property({ type: 'timestamptz', length: 3 })
  startedAt!: Date;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  completedAt: Date | null = null;
}

export const TIER_REVIEW_ENTITIES = [TierReview];
