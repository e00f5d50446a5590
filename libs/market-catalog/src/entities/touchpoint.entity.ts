import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { SalesChannel } from './sales-channel.entity';

/** A touchpoint (`endpoint`) of a sales channel: a site, an app, a shop. Orders name it. */
@Entity({ tableName: 'market_endpoints' })
@Unique({ properties: ['account', 'externalId'] })
export class Touchpoint {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => SalesChannel, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  channel!: number;

  @Property({ type: 'text' })
  externalId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
