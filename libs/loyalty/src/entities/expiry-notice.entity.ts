import { Entity, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { PointsAccount } from './points-account.entity';
import { pointsType } from './points-currency.entity';

/**
 * A `points.expiring` notice that was sent: one per points account (member × currency), local
 * expiry date and notice day (rules.md §3). The key makes a notice idempotent.
 */
@Entity({ tableName: 'expiry_notices' })
export class ExpiryNotice {
  [PrimaryKeyProp]?: ['pointsAccount', 'expiryDate', 'noticeDays'];

  @ManyToOne(() => PointsAccount, { mapToPk: true, type: idType, primary: true, deleteRule: 'cascade' })
  pointsAccount!: number;

  /** The local expiry date (YYYY-MM-DD in the program's time zone). */
  @Property({ type: 'text', primary: true })
  expiryDate!: string;

  @Property({ type: 'integer', primary: true })
  noticeDays!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  /** The points that were due to expire that day when the notice went out. */
  @Property({ type: pointsType })
  amount!: bigint;

  @Property({ type: 'timestamptz', length: 3 })
  sentAt!: Date;
}
