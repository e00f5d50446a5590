import type { MatchingInput } from '@loyalty/profiles';
import type { OrderInput } from '../../domain/order-input';

/** `data` of `preorder` and `preorder_commit`: the order object plus the checkout extensions. */
export interface CheckoutData extends Omit<OrderInput, 'external_id' | 'status' | 'lines' | keyof MatchingInput> {
  status?: OrderInput['status'] | null;
  lines: NonNullable<OrderInput['lines']>;
  final_total_price?: string | null;
  promo_codes?: string[] | null;
  /** Decimal points, or "max"; absent = none. */
  points_to_redeem?: string | null;
  points_currency_eid?: string | null;
}

/** The body of `market/orders/preorder` and `preorder_commit` (the person at the top level). */
export interface CheckoutRequest extends MatchingInput {
  external_id: string;
  data: CheckoutData;
  /** Commit only. */
  skip_triggers?: boolean | null;
  quote_id?: string | null;
}
