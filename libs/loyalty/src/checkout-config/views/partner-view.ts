import { formatRfc3339 } from '@loyalty/kernel';
import type { Partner } from '../../entities/partner.entity';

/** An item of `loyalty/partners/list` (also the audit snapshot). */
export interface PartnerView {
  id: number;
  loyalty_program_id: number;
  name: string;
  external_id: string;
  products: Record<string, unknown>;
  terms: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export function partnerView(partner: Partner): PartnerView {
  return {
    id: partner.id,
    loyalty_program_id: partner.program,
    name: partner.name,
    external_id: partner.externalId,
    products: partner.products,
    terms: partner.terms,
    created_at: formatRfc3339(partner.createdAt),
    updated_at: formatRfc3339(partner.updatedAt),
  };
}
