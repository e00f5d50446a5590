import { Module } from '@nestjs/common';
import { OrdersModule } from '@loyalty/orders';
import { MarketOrdersController } from './market-orders.controller';

/** Controllers of order records (`market/orders/*` life cycle). */
@Module({ imports: [OrdersModule], controllers: [MarketOrdersController] })
export class MarketOrdersApiModule {}
