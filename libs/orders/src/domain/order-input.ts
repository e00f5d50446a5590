import type { CustomFieldValueType } from '@loyalty/market-catalog';
import type { MatchingInput } from '@loyalty/profiles';
import type { LineStatusEffect } from '../entities/custom-line-status.entity';
import type { OrderStatus } from './order-statuses';

/** A line of the Altcraft order object, as `market/orders/import` receives it (money as decimal text). */
export interface OrderLineInput {
  external_id: string;
  product?: string | null;
  sku?: string | null;
  base_price_per_item: string;
  min_price_per_item?: string | null;
  final_price_per_item?: string | null;
  count: number;
  status?: string | null;
  custom_fields?: Record<string, unknown> | null;
}

/** The Altcraft order object (`data` of `market/orders/import`). */
export interface OrderInput extends MatchingInput {
  external_id: string;
  endpoint: string;
  status: OrderStatus;
  total_price: string;
  currency: string;
  delivery_cost?: string | null;
  tags?: string[] | null;
  create_time?: string | null;
  update_time?: string | null;
  custom_fields?: Record<string, unknown> | null;
  region?: string | null;
  /** Required when the order is created; on an update, absent keeps the stored lines. */
  lines?: OrderLineInput[] | null;
}

export interface CustomLineStatusInput {
  external_id: string;
  name: string;
  effect: LineStatusEffect;
}

export const ORDER_CUSTOM_FIELD_ENTITY_TYPES = ['order', 'line_order'] as const;

/** A custom field definition sent along with an order: validated, then ignored (see docs/architecture.md). */
export interface OrderCustomFieldInput {
  external_id: string;
  name: string;
  entity_type: (typeof ORDER_CUSTOM_FIELD_ENTITY_TYPES)[number];
  value_type: CustomFieldValueType;
}

export interface ImportOrderInput {
  custom_fields?: OrderCustomFieldInput[] | null;
  custom_line_statuses?: CustomLineStatusInput[] | null;
  data: OrderInput;
}
