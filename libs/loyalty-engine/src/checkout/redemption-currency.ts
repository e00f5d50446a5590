import { PricingCurrency, PricingInput } from './pricing-types';

/** The currency points are redeemed in: the one the request names, else the program's first standard one. */
export function redemptionCurrency(input: PricingInput): { eid: string | null; currency: PricingCurrency | null } {
  const eid = input.redemptionCurrency ?? input.program.currencies.find((c) => c.type === 'standard')?.eid ?? null;
  return { eid, currency: input.program.currencies.find((c) => c.eid === eid) ?? null };
}
