import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { MinorDigits } from '@loyalty/kernel';
import { Account, idType } from '@loyalty/platform';

/** A money currency the account trades in (ISO 4217), with its minor digits. */
@Entity({ tableName: 'market_currencies' })
@Unique({ properties: ['account', 'code'] })
export class MarketCurrency {
  @PrimaryKey({ type: idType, autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { mapToPk: true, type: idType, deleteRule: 'cascade' })
  account!: number;

  @Property({ type: 'text' })
  code!: string;

  @Property({ type: 'smallint' })
  minorDigits!: MinorDigits;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt!: Date;
}
