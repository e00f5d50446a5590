import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { ProfileDatabase } from '@loyalty/profiles';

export const CHANNEL_TYPES = ['online', 'retail'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** A sales channel: where orders come from, bound to the profile database whose program prices them. */
@Entity({ tableName: 'market_channels' })
@Unique({ properties: ['account', 'externalId'] })
export class SalesChannel {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  externalId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  type!: ChannelType;

  @ManyToOne(() => ProfileDatabase, { mapToPk: true, type: idType, deleteRule: 'cascade', fieldName: 'db_id' })
  database!: number;

  @Property({ type: 'jsonb' })
  tags!: string[];

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
