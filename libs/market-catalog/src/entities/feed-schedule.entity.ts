import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';

export type FeedFormat = 'yml' | 'csv';

/** A recurring feed import; its row is the truth the worker's job scheduler is rebuilt from. */
@Entity({ tableName: 'market_feed_schedules' })
export class FeedSchedule {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  format!: FeedFormat;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text' })
  cron!: string;

  @Property({ type: 'text' })
  timezone!: string;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;
}
