import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { idType } from '../database/id-type';
import type { Role } from '../tenancy/account-context';
import { Account } from './account.entity';

/** An API token. Only the SHA-256 of the secret is stored. */
@Entity({ tableName: 'api_tokens' })
@Index({ properties: ['account', 'id'] })
export class ApiToken {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  role!: Role;

  /** Hex SHA-256 of the secret; the secret itself is shown once, at creation. */
  @Property({ type: 'text', unique: true })
  secretHash!: string;

  /** The first characters of the secret, so people can tell their tokens apart. */
  @Property({ type: 'text' })
  secretPrefix!: string;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  revokedAt: Date | null = null;
}
