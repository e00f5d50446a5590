import { DomainError } from '@loyalty/kernel';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import type { PointsCurrency } from '../entities/points-currency.entity';
import type { Promotion } from '../entities/promotion.entity';
import type { CurrencyReference } from '../repositories/program-lookup';
import type { CustomFieldTypeLookup } from '@loyalty/loyalty-engine';
import type { OrderSegment } from '../entities/order-segment.entity';
import type { Partner } from '../entities/partner.entity';
import type { TierGroup } from '../entities/tier-group.entity';
import { CheckoutProgram } from './checkout-program';

/** What only checkout reads, loaded with the rest of the configuration. */
export interface CheckoutSources {
  tierGroups: readonly TierGroup[];
  partners: readonly Partner[];
  orderSegments: readonly OrderSegment[];
  customFieldType: CustomFieldTypeLookup;
}

/**
 * A program's configuration as one read-only snapshot: the program, its currencies and its
 * promotions, with the lookups the points methods need (same answers and errors as the queries).
 */
export class ProgramConfig {
  private readonly currenciesById: Map<number, PointsCurrency>;
  private readonly currenciesByEid: Map<string, PointsCurrency>;
  private readonly promotionsById: Map<number, Promotion>;
  private readonly promotionsByEid: Map<string, Promotion>;
  private compiledCheckout: CheckoutProgram | undefined;

  constructor(
    readonly version: string,
    readonly program: Readonly<LoyaltyProgram>,
    readonly currencies: readonly PointsCurrency[],
    private readonly promotions: readonly Promotion[],
    private readonly checkoutSources: CheckoutSources,
  ) {
    this.currenciesById = new Map(currencies.map((currency) => [currency.id, currency]));
    this.currenciesByEid = new Map(currencies.map((currency) => [currency.externalId, currency]));
    this.promotionsById = new Map(promotions.map((promotion) => [promotion.id, promotion]));
    this.promotionsByEid = new Map(promotions.map((promotion) => [promotion.externalId, promotion]));
  }

  get tierGroups(): readonly TierGroup[] {
    return this.checkoutSources.tierGroups;
  }

  /** The checkout configuration, compiled on first use and kept as long as this snapshot. */
  get checkout(): CheckoutProgram {
    this.compiledCheckout ??= new CheckoutProgram(
      this.program,
      this.currencies,
      this.promotions,
      this.checkoutSources.partners,
      this.checkoutSources.orderSegments,
      this.checkoutSources.customFieldType,
    );
    return this.compiledCheckout;
  }

  /** A currency named by id or external id (error 18 when the program has none such). */
  currency(reference: CurrencyReference, path = 'points_currency_eid'): PointsCurrency {
    if (reference.points_currency_iid == null && reference.points_currency_eid == null) {
      throw DomainError.invalid(path, 'points_currency_iid or points_currency_eid is required');
    }
    const byId =
      reference.points_currency_iid != null ? this.currenciesById.get(reference.points_currency_iid) : undefined;
    const byEid =
      reference.points_currency_eid != null ? this.currenciesByEid.get(reference.points_currency_eid) : undefined;
    const both = reference.points_currency_iid != null && reference.points_currency_eid != null;
    const currency = both ? (byId === byEid ? byId : undefined) : (byId ?? byEid);
    if (!currency) {
      throw new DomainError(
        'UNKNOWN_REFERENCE',
        `The program has no points currency ${reference.points_currency_eid ?? reference.points_currency_iid}`,
        {
          fields: [{ path, message: 'unknown points currency' }],
        },
      );
    }
    return currency;
  }

  /** A promotion named in the body by its id (a number) or external id (a string); error 18 when unknown. */
  promotion(reference: number | string, path = 'promotion_id'): Promotion {
    const promotion =
      typeof reference === 'number' ? this.promotionsById.get(reference) : this.promotionsByEid.get(reference);
    if (!promotion) {
      throw new DomainError('UNKNOWN_REFERENCE', `The program has no promotion ${reference}`, {
        fields: [{ path, message: 'unknown promotion' }],
      });
    }
    return promotion;
  }
}
