import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { idType } from '@loyalty/platform';

/**
 * Which local days of a year a member (a points account) had a counted transaction, as 366 bits
 * (bit n = day of the year n), read in `timezone` — the program's zone when the row was built. The
 * set only grows, so folding a delta twice changes nothing. Rebuilt from the transactions when the
 * program's zone changes (`report_activity_state`).
 */
@Entity({ tableName: 'report_member_days' })
export class ReportMemberDays {
  @PrimaryKey({ type: idType })
  programId!: number;

  @PrimaryKey({ type: 'text' })
  timezone!: string;

  @PrimaryKey({ type: idType })
  pointsAccountId!: number;

  @PrimaryKey({ type: 'smallint' })
  year!: number;

  @Property({ type: idType })
  currencyId!: number;

  @Property({ columnType: 'bit(366)', type: 'string' })
  days!: string;
}
