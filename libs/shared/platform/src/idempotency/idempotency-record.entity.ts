import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { idType } from '../database/id-type';

/** The scope of the root key's requests, which belong to no account. */
export const ROOT_SCOPE = 0;

/** The stored answer to a request made with an Idempotency-Key, replayed byte for byte. */
@Entity({ tableName: 'idempotency_records' })
@Unique({ properties: ['scope', 'method', 'key'] })
export class IdempotencyRecord {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  /** The account whose key this is, or ROOT_SCOPE for the root key. */
  @Property({ type: idType })
  scope!: number;

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
