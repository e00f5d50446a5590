import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError, Points } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import type { MatchingInput } from '@loyalty/profiles';
import { programInstant } from '../../domain/operation-dates';
import { PointsAccount } from '../../entities/points-account.entity';
import { PointsLot } from '../../entities/points-lot.entity';
import { requireMember } from '../../repositories/member-lookup';
import { CurrencyReference, requireCurrency, requireProgram } from '../../repositories/program-lookup';

/**
 * `loyalty/account/expiring_points`: the remaining points of lots whose expiry falls in the window
 * (both ends inclusive; a date alone is the start of `date_from` and the end of `date_to` in the
 * program's zone). Lots already expired at the time of the read are gone and do not count.
 */
@Injectable()
export class GetExpiringPoints {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    input: CurrencyReference & { programId: number; person: MatchingInput; dateFrom: string; dateTo: string },
  ): Promise<{ expiring_points: string }> {
    const program = await requireProgram(this.em, input.programId);
    const { member } = await requireMember(this.em, program, input.person);
    const currency = await requireCurrency(this.em, program, input);
    const from = programInstant(input.dateFrom, program, 'start', 'date_from');
    const to = programInstant(input.dateTo, program, 'end', 'date_to');
    if (to < from) throw DomainError.invalid('date_to', 'must not be before date_from');
    const account = await this.em.findOne(PointsAccount, { member: member.id, currency: currency.id });
    if (!account) return { expiring_points: Points.format(0n) };
    const now = this.clock.now();
    const lots = await this.em.find(PointsLot, {
      pointsAccount: account.id,
      expired: false,
      remaining: { $gt: 0n },
      expiresAt: { $gte: from > now ? from : now, $lte: to },
    });
    return { expiring_points: Points.format(lots.reduce((sum, lot) => sum + lot.remaining, 0n)) };
  }
}
