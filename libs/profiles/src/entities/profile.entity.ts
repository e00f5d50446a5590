import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { ProfileDatabase } from './profile-database.entity';

export type CustomFieldValue = string | number | boolean | null;

/** A person in a database, found by email, phone, profile id or a custom field. */
@Entity({ tableName: 'profiles' })
@Unique({ properties: ['database', 'email'] })
@Unique({ properties: ['database', 'phone'] })
@Index({
  name: 'profiles_custom_fields_idx',
  expression: 'create index "profiles_custom_fields_idx" on "profiles" using gin ("custom_fields" jsonb_path_ops)',
})
export class Profile {
  /** The public `profile_id`: 24 random hex digits. */
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => ProfileDatabase, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  database!: number;

  /** Trimmed and lower-cased. */
  @Property({ type: 'text', nullable: true })
  email: string | null = null;

  /** E.164. */
  @Property({ type: 'text', nullable: true })
  phone: string | null = null;

  @Property({ type: 'jsonb' })
  customFields: Record<string, CustomFieldValue> = {};

  /** Set by `profiles/delete`: identifiers and custom fields are gone, the id stays as an anonymous id. */
  @Property({ type: 'timestamptz', length: 3, nullable: true })
  erasedAt: Date | null = null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3 })
  updatedAt!: Date;
}
