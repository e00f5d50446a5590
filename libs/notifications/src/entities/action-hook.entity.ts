import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';

/**
 * A subscription of an account to event types (`hooks/create`). The secret is kept as given: it
 * signs every delivery, so it cannot be hashed. A deleted hook keeps its row (its deliveries stay
 * readable in the database) but gets no new deliveries and its pending ones are cancelled.
 */
@Entity({ tableName: 'action_hooks' })
export class ActionHook {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  url!: string;

  /** Event types (spec/api.md §9) the hook receives. */
  @Property({ type: 'jsonb' })
  events!: string[];

  @Property({ type: 'text', lazy: true })
  secret!: string;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  deletedAt: Date | null = null;
}
