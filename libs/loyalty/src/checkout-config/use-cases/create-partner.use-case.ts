import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { Partner } from '../../entities/partner.entity';
import { requireProgram } from '../../repositories/program-lookup';
import { PartnerInput, resolvePartnerSettings } from '../domain/partner-settings';
import { partnerView } from '../views/partner-view';
import { ensurePartnerExternalIdFree } from './partner-lookup';

/** `loyalty/partners/create`: a partner with its product set and terms → `{id}`. */
@Injectable()
export class CreatePartner {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number, input: PartnerInput): Promise<{ id: number }> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, programId);
      const settings = resolvePartnerSettings(input);
      await ensurePartnerExternalIdFree(em, program.id, settings.external_id);
      const now = this.clock.now();
      const partner = em.create(Partner, {
        account: AccountContext.accountId(),
        program: program.id,
        name: settings.name,
        externalId: settings.external_id,
        products: settings.products,
        terms: settings.terms,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'partner',
        entityId: partner.id,
        action: 'create',
        after: partnerView(partner),
      });
      return { id: partner.id };
    });
  }
}
