import { Module } from '@nestjs/common';
import { DeleteOrder } from '../use-cases/delete-order.use-case';
import { GetOrderStatus } from '../use-cases/get-order-status.use-case';
import { GetOrder } from '../use-cases/get-order.use-case';
import { ImportOrder } from '../use-cases/import-order.use-case';
import { ListOrders } from '../use-cases/list-orders.use-case';
import { UpdateOrderLineStatus } from '../use-cases/update-order-line-status.use-case';

const useCases = [ImportOrder, GetOrder, ListOrders, GetOrderStatus, DeleteOrder, UpdateOrderLineStatus];

/** The order life cycle's use cases (`market/orders/*` except the checkout). */
@Module({ providers: useCases, exports: useCases })
export class OrdersModule {}
