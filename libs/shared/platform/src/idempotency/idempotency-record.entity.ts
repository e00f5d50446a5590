import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity';
import { idType } from '../database/id-type';

/** The stored answer to a request made with an Idempotency-Key, replayed byte for byte. */
@Entity({ tableName: 'idempotency_records' })
@Unique({ properties: ['account', 'method', 'key'] })
export class IdempotencyRecord {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  /** The API method path, e.g. `loyalty/accrue_points`. */
  @Property({ type: 'text' })
  method!: string;

  @Property({ type: 'text' })
  key!: string;

  /** SHA-256 of the canonical JSON of the body without `token`. */
  @Property({ type: 'text' })
  requestHash!: string;

  @Property({ type: 'smallint' })
  statusCode!: number;

  @Property({ type: 'text' })
  responseBody!: string;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3, index: true })
  expiresAt!: Date;
}
