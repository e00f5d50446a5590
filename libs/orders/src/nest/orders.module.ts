import { Module } from '@nestjs/common';
import { LoyaltyModule } from '@loyalty/loyalty';
import { MarketCatalogModule } from '@loyalty/market-catalog';
import { CheckoutCalculator } from '../checkout/checkout-calculator';
import { CommitPreorder } from '../checkout/use-cases/commit-preorder.use-case';
import { Preorder } from '../checkout/use-cases/preorder.use-case';
import { SimulatePromotions } from '../checkout/use-cases/simulate-promotions.use-case';
import { DeleteOrder } from '../use-cases/delete-order.use-case';
import { GetOrderStatus } from '../use-cases/get-order-status.use-case';
import { GetOrder } from '../use-cases/get-order.use-case';
import { ImportOrder } from '../use-cases/import-order.use-case';
import { ListOrders } from '../use-cases/list-orders.use-case';
import { UpdateOrderLineStatus } from '../use-cases/update-order-line-status.use-case';

const useCases = [
  ImportOrder,
  GetOrder,
  ListOrders,
  GetOrderStatus,
  DeleteOrder,
  UpdateOrderLineStatus,
  Preorder,
  CommitPreorder,
  SimulatePromotions,
];

/** The order life cycle's use cases and the checkout (`market/orders/*`). */
@Module({
  imports: [LoyaltyModule, MarketCatalogModule],
  providers: [...useCases, CheckoutCalculator],
  exports: useCases,
})
export class OrdersModule {}
