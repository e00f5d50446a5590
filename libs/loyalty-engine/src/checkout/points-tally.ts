import { PointsByCurrency, PricingCurrency } from './pricing-types';

/** Points summed by currency external id. */
export class PointsTally {
  private readonly amounts = new Map<string, bigint>();

  add(eid: string, amount: bigint): this {
    this.amounts.set(eid, this.get(eid) + amount);
    return this;
  }

  addAll(points: readonly PointsByCurrency[]): this {
    points.forEach((entry) => this.add(entry.points_currency_eid, entry.amount));
    return this;
  }

  get(eid: string): bigint {
    return this.amounts.get(eid) ?? 0n;
  }

  /** The non-zero amounts in the program's currency order. */
  list(currencies: readonly PricingCurrency[]): PointsByCurrency[] {
    return currencies
      .filter((currency) => this.get(currency.eid) !== 0n)
      .map((currency) => ({ points_currency_eid: currency.eid, amount: this.get(currency.eid) }));
  }
}
