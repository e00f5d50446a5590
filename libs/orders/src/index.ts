export * from './domain/order-statuses';
export * from './entities/order.entity';
export * from './entities/order-line.entity';
export * from './entities/order-refund.entity';
export * from './entities/custom-line-status.entity';

import { Order } from './entities/order.entity';
import { OrderLine } from './entities/order-line.entity';
import { OrderRefund } from './entities/order-refund.entity';
import { CustomLineStatus } from './entities/custom-line-status.entity';

export const ORDER_ENTITIES = [Order, OrderLine, OrderRefund, CustomLineStatus];
export * from './domain/order-input';
export * from './domain/order-time';
export * from './domain/line-return';
export * from './domain/line-status-effect';
export * from './views/order-view';
export * from './views/order-status-view';
export * from './views/line-return-view';
export * from './use-cases/import-order.use-case';
export * from './use-cases/get-order.use-case';
export * from './use-cases/list-orders.use-case';
export * from './use-cases/get-order-status.use-case';
export * from './use-cases/delete-order.use-case';
export * from './use-cases/update-order-line-status.use-case';
export * from './nest/orders.module';
