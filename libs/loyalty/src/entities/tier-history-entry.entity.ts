import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { Member } from './member.entity';
import { TierGroup } from './tier-group.entity';
import { Tier } from './tier.entity';

/** A tier a member reached (or fell to, for periodic groups), with the instant it happened. */
@Entity({ tableName: 'member_tier_history' })
@Index({ properties: ['member', 'group', 'reachedAt'] })
export class TierHistoryEntry {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => Member, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  member!: number;

  @ManyToOne(() => TierGroup, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  group!: number;

  @ManyToOne(() => Tier, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  tier!: number;

  @Property({ type: 'timestamptz', length: 3 })
  reachedAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  recordedAt!: Date;
}
