import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { pointsType } from './points-currency.entity';
import { TierGroup } from './tier-group.entity';

/** One step of a tier group; `tierOrder` 0 is the lowest. */
@Entity({ tableName: 'tiers' })
@Unique({ properties: ['group', 'tierEid'] })
export class Tier {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @ManyToOne(() => TierGroup, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  group!: number;

  @Property({ type: 'text' })
  tierEid!: string;

  @Property({ type: 'text' })
  name!: string;

  /** Qualification points needed, in hundredths. */
  @Property({ type: pointsType })
  threshold!: bigint;

  @Property({ type: 'integer' })
  tierOrder!: number;
}
