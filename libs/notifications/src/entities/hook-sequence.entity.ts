import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';

/** The last `sequence` handed out for a subject (`profile:<id>`, or `account` for events without a subject). */
@Entity({ tableName: 'hook_sequences' })
export class HookSequence {
  @ManyToOne(() => Account, { primary: true, mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @PrimaryKey({ type: 'text' })
  subjectKey!: string;

  @Property({ type: 'bigint' })
  lastSequence!: bigint;
}
