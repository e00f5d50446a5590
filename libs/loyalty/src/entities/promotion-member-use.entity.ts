import { Entity, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Account, idType } from '@loyalty/platform';
import { Member } from './member.entity';
import { Promotion } from './promotion.entity';

/** How often a member used a promotion in one limit period (`periodKey` '' = ever). */
@Entity({ tableName: 'promotion_member_uses' })
export class PromotionMemberUse {
  [PrimaryKeyProp]?: ['promotion', 'member', 'periodKey'];

  @ManyToOne(() => Promotion, { mapToPk: true, type: idType, primary: true, deleteRule: 'cascade' })
  promotion!: number;

  @ManyToOne(() => Member, { mapToPk: true, type: idType, primary: true, deleteRule: 'cascade' })
  member!: number;

  @Property({ type: 'text', primary: true })
  periodKey!: string;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'integer' })
  uses!: number;
}
