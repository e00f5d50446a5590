import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';

/** A database of profiles inside an account (`db_id`). */
@Entity({ tableName: 'profile_databases' })
@Unique({ properties: ['account', 'name'] })
export class ProfileDatabase {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;
}
