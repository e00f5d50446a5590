import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { idType } from '../database/id-type';

/** A tenant. Every other row belongs to exactly one account. */
@Entity({ tableName: 'accounts' })
export class Account {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @Property({ type: 'text' })
  name!: string;

  /** IANA zone used where a program sets none. */
  @Property({ type: 'text' })
  timezone!: string;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  /**
   * Moved by database triggers whenever the account's categories, product segments, custom fields
   * or market currencies change: the checkout's cached catalog structure compares it.
   */
  @Property({ type: 'bigint', defaultRaw: '0' })
  catalogVersion!: string & Opt;
}
