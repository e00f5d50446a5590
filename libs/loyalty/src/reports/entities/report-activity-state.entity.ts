import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { idType } from '@loyalty/platform';

/** The zone a program's `report_member_days` were built in; another zone than the program's means a rebuild is due. */
@Entity({ tableName: 'report_activity_state' })
export class ReportActivityState {
  @PrimaryKey({ type: idType, autoincrement: false })
  programId!: number;

  @Property({ type: 'text' })
  timezone!: string;
}
