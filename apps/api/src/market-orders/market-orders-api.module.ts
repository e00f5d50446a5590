import { Module } from '@nestjs/common';
import { OrdersModule } from '@loyalty/orders';
import { MarketOrdersController } from './market-orders.controller';
import { SimulateController } from './simulate.controller';

/** Controllers of orders and checkout (`market/orders/*`) and of `loyalty/promotions/simulate`, which prices a cart. */
@Module({ imports: [OrdersModule], controllers: [MarketOrdersController, SimulateController] })
export class MarketOrdersApiModule {}
