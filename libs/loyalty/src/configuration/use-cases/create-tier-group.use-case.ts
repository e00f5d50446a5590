import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { TierGroup } from '../../entities/tier-group.entity';
import { Tier } from '../../entities/tier.entity';
import { requireCurrency, requireProgram } from '../../repositories/program-lookup';
import { oneOf, patched } from '../domain/field-rules';
import { planTierLadder, resolveReview, TIER_GROUP_TYPES, TierGroupInput } from '../domain/tier-ladder';
import { tierGroupView, TierGroupView } from '../views/tier-group-view';
import { requireQualificationCurrency } from './tier-group-currency';

/** `loyalty/tier_groups/create`: a ladder of tiers read from one qualification currency of the program. */
@Injectable()
export class CreateTierGroup {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number, input: TierGroupInput): Promise<TierGroupView> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, programId);
      const name = patched(input.name, undefined, 'name', { parse: (text) => text });
      const type = patched(input.tiers_group_type, undefined, 'tiers_group_type', {
        parse: (value) => oneOf(value, TIER_GROUP_TYPES, 'tiers_group_type'),
      });
      const review = resolveReview(type, input.review);
      const eid = patched(input.points_currency_eid, undefined, 'points_currency_eid', { parse: (text) => text });
      const currency = requireQualificationCurrency(await requireCurrency(em, program, { points_currency_eid: eid }));
      if (!input.tiers) throw DomainError.invalid('tiers', 'is required');
      const ladder = planTierLadder(input.tiers, currency.precision);
      const now = this.clock.now();
      const accountId = AccountContext.accountId();
      const group = em.create(TierGroup, {
        account: accountId,
        program: program.id,
        name,
        type,
        currency: currency.id,
        reviewPeriodMonths: review?.period_months ?? null,
        reviewAnchorDate: review?.anchor_date ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      const tiers = ladder.map((tier) =>
        em.create(Tier, {
          account: accountId,
          group: group.id,
          tierEid: tier.tier_eid,
          name: tier.name,
          threshold: tier.threshold,
          tierOrder: tier.tier_order,
        }),
      );
      await em.flush();
      const view = tierGroupView(group, tiers, currency.externalId);
      recordAudit(em, this.clock, { entityType: 'tier_group', entityId: group.id, action: 'create', after: view });
      return view;
    });
  }
}
