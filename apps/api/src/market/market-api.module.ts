import { Module } from '@nestjs/common';
import { MarketCatalogModule } from '@loyalty/market-catalog';
import { GetTask } from '@loyalty/platform';
import { TasksController } from '../tasks/tasks.controller';
import { CatalogItemsController } from './catalog-items.controller';
import { MarketSettingsController } from './market-settings.controller';
import { ProductSegmentsController } from './product-segments.controller';

/** Controllers of the market catalog: settings, products and SKUs, feeds, segments, tasks. */
@Module({
  imports: [MarketCatalogModule],
  controllers: [MarketSettingsController, CatalogItemsController, ProductSegmentsController, TasksController],
  providers: [GetTask],
})
export class MarketApiModule {}
