import { failedPath } from '../test-support/effect-failures';
import { parsePartnerTerms, partnerTermsView } from './partner-terms';
import { parseProductSet, productSetView } from './product-set';
import { parseRedemptionOverride, redemptionOverrideView } from './redemption-override';

describe('parsePartnerTerms', () => {
  it('defaults: redemption allowed, not partner-funded, no cashback, multiplier or discount', () => {
    expect(parsePartnerTerms({})).toEqual({
      cashbackPercent: null,
      pointsMultiplier: null,
      discountPercent: null,
      redemptionAllowed: true,
      fundedByPartner: false,
    });
  });

  it('reads and gives back every term', () => {
    const raw = {
      cashback_percent: '5.00',
      points_multiplier: '2.00',
      discount_percent: '7.50',
      redemption_allowed: false,
      funded_by_partner: true,
    };
    expect(partnerTermsView(parsePartnerTerms(raw))).toEqual(raw);
  });

  it.each([
    [{ cashback_percent: '0' }, 'terms.cashback_percent'],
    [{ discount_percent: '101' }, 'terms.discount_percent'],
    [{ points_multiplier: '0.9' }, 'terms.points_multiplier'],
    [{ redemption_allowed: 'no' }, 'terms.redemption_allowed'],
    [{ bonus: 1 }, 'terms.bonus'],
  ])('refuses %j at %s', (raw, path) => {
    expect(failedPath(() => parsePartnerTerms(raw))).toBe(path);
  });
});

describe('parseProductSet', () => {
  it('reads the lists, each optional', () => {
    const set = parseProductSet({ categories: ['shoes'], segments: [4] });
    expect(set).toEqual({ products: [], skus: [], categories: ['shoes'], segments: [4] });
    expect(productSetView(set)).toEqual({ products: [], skus: [], categories: ['shoes'], segments: [4] });
  });

  it.each([
    [{}, 'products'],
    [{ products: [] }, 'products'],
    [{ products: 'tea' }, 'products.products'],
    [{ skus: ['ok', 'has space'] }, 'products.skus[1]'],
    [{ segments: [1.5] }, 'products.segments[0]'],
    [{ brands: ['x'] }, 'products.brands'],
  ])('refuses %j at %s', (raw, path) => {
    expect(failedPath(() => parseProductSet(raw))).toBe(path);
  });
});

describe('parseRedemptionOverride', () => {
  it('reads the share and keeps the point value to echo it', () => {
    const override = parseRedemptionOverride({ max_share_percent: 50, point_value: '0.02' });
    expect(override).toEqual({ maxSharePercent: '50.00', pointValue: '0.02' });
    expect(redemptionOverrideView(override)).toEqual({ max_share_percent: '50.00', point_value: '0.02' });
    expect(parseRedemptionOverride({ max_share_percent: '0' }).maxSharePercent).toBe('0.00');
  });

  it.each([
    [{}, 'redemption.max_share_percent'],
    [{ max_share_percent: '100.01' }, 'redemption.max_share_percent'],
    [{ max_share_percent: '10', point_value: '0' }, 'redemption.point_value'],
  ])('refuses %j at %s', (raw, path) => {
    expect(failedPath(() => parseRedemptionOverride(raw))).toBe(path);
  });
});
