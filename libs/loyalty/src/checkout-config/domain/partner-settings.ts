import { parsePartnerTerms, parseProductSet, partnerTermsView, productSetView } from '@loyalty/loyalty-engine';
import { requireNonNumericExternalId } from '../../configuration/domain/field-rules';

/** What `partners/create` takes; `products` and `terms` are checked by the engine's parsers. */
export interface PartnerInput {
  name: string;
  external_id: string;
  products: unknown;
  terms: unknown;
}

export interface PartnerSettings {
  name: string;
  external_id: string;
  products: Record<string, unknown>;
  terms: Record<string, unknown>;
}

/** A partner's settings checked by the engine's parsers and stored in their normalised API shape. */
export function resolvePartnerSettings(input: PartnerInput): PartnerSettings {
  return {
    name: input.name,
    external_id: requireNonNumericExternalId(input.external_id),
    products: productSetView(parseProductSet(input.products, 'products')),
    terms: partnerTermsView(parsePartnerTerms(input.terms, 'terms')),
  };
}
