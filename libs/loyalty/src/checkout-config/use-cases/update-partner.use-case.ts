import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK, recordAudit } from '@loyalty/platform';
import { requireProgram } from '../../repositories/program-lookup';
import { isSameDocument } from '../../configuration/use-cases/same-document';
import { PartnerInput, resolvePartnerSettings } from '../domain/partner-settings';
import { partnerView, PartnerView } from '../views/partner-view';
import { ensurePartnerExternalIdFree, requirePartner } from './partner-lookup';

/** `loyalty/partners/update`: a partial patch (`products` and `terms` replaced as a whole); answers the partner. */
@Injectable()
export class UpdatePartner {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number, reference: number | string, patch: Partial<PartnerInput>): Promise<PartnerView> {
    return this.em.transactional(async (em) => {
      const program = await requireProgram(em, programId);
      const partner = await requirePartner(em, program.id, reference);
      const before = partnerView(partner);
      const settings = resolvePartnerSettings({
        name: patch.name ?? partner.name,
        external_id: patch.external_id ?? partner.externalId,
        products: patch.products ?? partner.products,
        terms: patch.terms ?? partner.terms,
      });
      const current = {
        name: before.name,
        external_id: before.external_id,
        products: before.products,
        terms: before.terms,
      };
      if (isSameDocument(current, settings)) return before;
      if (settings.external_id !== partner.externalId) {
        await ensurePartnerExternalIdFree(em, program.id, settings.external_id, partner.id);
      }
      Object.assign(partner, {
        name: settings.name,
        externalId: settings.external_id,
        products: settings.products,
        terms: settings.terms,
        updatedAt: this.clock.now(),
      });
      await em.flush();
      const after = partnerView(partner);
      recordAudit(em, this.clock, { entityType: 'partner', entityId: partner.id, action: 'update', before, after });
      return after;
    });
  }
}
