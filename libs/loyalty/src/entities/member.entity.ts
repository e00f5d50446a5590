import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { Profile } from '@loyalty/profiles';
import { LoyaltyProgram } from './loyalty-program.entity';

export type MemberStatus = 'active' | 'deleted';

/**
 * A profile's membership of a program. Deleting a member freezes it; registering again later
 * is a new membership row.
 */
@Entity({ tableName: 'members' })
@Index({
  name: 'members_one_active_per_profile',
  expression:
    'create unique index "members_one_active_per_profile" on "members" ("program_id", "profile_id") where "status" = \'active\'',
})
@Index({ properties: ['program', 'id'] })
export class Member {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => LoyaltyProgram, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  program!: number;

  @ManyToOne(() => Profile, { mapToPk: true, type: 'text', deleteRule: 'cascade' })
  profile!: string;

  @Property({ type: 'text' })
  status!: MemberStatus;

  @Property({ type: 'timestamptz', length: 3 })
  registeredAt!: Date;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  deletedAt: Date | null = null;
}
