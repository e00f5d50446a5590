import { formatRfc3339 } from '@loyalty/kernel';
import type { OrderLine } from '../entities/order-line.entity';
import type { Order } from '../entities/order.entity';
import type { OrderStatus } from '../domain/order-statuses';

/** `market/orders/get_status`: where the order and each of its lines stand. */
export interface OrderStatusView {
  external_id: string;
  status: OrderStatus;
  update_time: string;
  lines: { external_id: string; status: string; count: number; units_returned: number }[];
}

export function orderStatusView(order: Order, lines: readonly OrderLine[]): OrderStatusView {
  return {
    external_id: order.externalId,
    status: order.status,
    update_time: formatRfc3339(order.updateTime),
    lines: lines.map((line) => ({
      external_id: line.externalId,
      status: line.status,
      count: line.count,
      units_returned: line.unitsReturned,
    })),
  };
}
