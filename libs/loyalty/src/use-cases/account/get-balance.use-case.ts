import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, Points } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import type { MatchingInput } from '@loyalty/profiles';
import { PointsCurrency } from '../../entities/points-currency.entity';
import { readBalance } from '../../ledger/balance-reader';
import { requireMember } from '../../repositories/member-lookup';
import { CurrencyReference, requireCurrency, requireProgram } from '../../repositories/program-lookup';

export interface CurrencyBalanceAnswer {
  points_currency_eid: string;
  total_balance: string;
  active_balance: string;
  pending_balance: string;
  held_balance: string;
}

/** `loyalty/account/balance`: one currency's balance, or every currency's when none is named. */
@Injectable()
export class GetBalance {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    input: CurrencyReference & { programId: number; person: MatchingInput },
  ): Promise<CurrencyBalanceAnswer | { items: CurrencyBalanceAnswer[] }> {
    const program = await requireProgram(this.em, input.programId);
    const { member } = await requireMember(this.em, program, input.person);
    const now = this.clock.now();
    const named = input.points_currency_iid != null || input.points_currency_eid != null;
    const currencies = named
      ? [await requireCurrency(this.em, program, input)]
      : await this.em.find(PointsCurrency, { program: program.id }, { orderBy: { id: 'asc' } });
    const items: CurrencyBalanceAnswer[] = [];
    for (const currency of currencies) {
      const balance = await readBalance(this.em, member, currency, now);
      items.push({
        points_currency_eid: currency.externalId,
        total_balance: Points.format(balance.total),
        active_balance: Points.format(balance.active),
        pending_balance: Points.format(balance.pending),
        held_balance: Points.format(balance.held),
      });
    }
    return named ? items[0] : { items };
  }
}
