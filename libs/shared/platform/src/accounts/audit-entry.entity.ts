import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { idType } from '../database/id-type';
import { Account } from './account.entity';

/** Who changed which configuration, when, with the state before and after. */
@Entity({ tableName: 'audit_entries' })
@Index({ properties: ['account', 'entityType', 'id'] })
export class AuditEntry {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  /** Null when the root key or the engine itself acted. */
  @Property({ type: idType, nullable: true })
  tokenId: number | null = null;

  @Property({ type: 'text' })
  entityType!: string;

  @Property({ type: 'text' })
  entityId!: string;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'jsonb', nullable: true })
  before: unknown = null;

  @Property({ type: 'jsonb', nullable: true })
  after: unknown = null;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;
}
