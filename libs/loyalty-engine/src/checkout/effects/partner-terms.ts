import { PartnerTerms } from '../pricing-types';
import { FACTOR, isAbsent, PERCENT, RateBounds, readBoolean, readObject, readRate } from './raw-fields';

/** A partner's `terms` as the API sends and returns them. */
export type PartnerTermsView = {
  cashback_percent: string | null;
  points_multiplier: string | null;
  discount_percent: string | null;
  redemption_allowed: boolean;
  funded_by_partner: boolean;
};

/**
 * Checks a partner's `terms` (spec api.md §6): percents in (0, 100], a multiplier ≥ 1;
 * `redemption_allowed` defaults to true and `funded_by_partner` to false.
 */
export function parsePartnerTerms(raw: unknown, path = 'terms'): PartnerTerms {
  const terms = readObject(raw ?? {}, path, [
    'cashback_percent',
    'points_multiplier',
    'discount_percent',
    'redemption_allowed',
    'funded_by_partner',
  ]);
  const optionalRate = (key: string, bounds: RateBounds) =>
    isAbsent(terms[key]) ? null : readRate(terms[key], `${path}.${key}`, bounds);
  return {
    cashbackPercent: optionalRate('cashback_percent', PERCENT),
    pointsMultiplier: optionalRate('points_multiplier', FACTOR),
    discountPercent: optionalRate('discount_percent', PERCENT),
    redemptionAllowed: readBoolean(terms['redemption_allowed'], `${path}.redemption_allowed`, true),
    fundedByPartner: readBoolean(terms['funded_by_partner'], `${path}.funded_by_partner`, false),
  };
}

export function partnerTermsView(terms: PartnerTerms): PartnerTermsView {
  return {
    cashback_percent: terms.cashbackPercent,
    points_multiplier: terms.pointsMultiplier,
    discount_percent: terms.discountPercent,
    redemption_allowed: terms.redemptionAllowed,
    funded_by_partner: terms.fundedByPartner,
  };
}
