import { Entity, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { LoyaltyProgram } from './loyalty-program.entity';

/** A program's expiry notices of one local day have been sent (so the sweep does not run that day again). */
@Entity({ tableName: 'expiry_notice_runs' })
export class ExpiryNoticeRun {
  [PrimaryKeyProp]?: ['program', 'localDate'];

  @ManyToOne(() => LoyaltyProgram, { mapToPk: true, type: idType, primary: true, deleteRule: 'cascade' })
  program!: number;

  /** YYYY-MM-DD in the program's time zone. */
  @Property({ type: 'text', primary: true })
  localDate!: string;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'integer' })
  notices!: number;

  @Property({ type: 'timestamptz', length: 3 })
  ranAt!: Date;
}
