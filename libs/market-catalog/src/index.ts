export * from './domain/catalog-item-input';
export * from './entities/sales-channel.entity';
export * from './entities/touchpoint.entity';
export * from './entities/market-currency.entity';
export * from './entities/region.entity';
export * from './entities/custom-field.entity';
export * from './entities/category.entity';
export * from './entities/catalog-item.entity';
export * from './entities/product-segment.entity';
export * from './entities/feed-schedule.entity';

import { SalesChannel } from './entities/sales-channel.entity';
import { Touchpoint } from './entities/touchpoint.entity';
import { MarketCurrency } from './entities/market-currency.entity';
import { Region } from './entities/region.entity';
import { CustomField } from './entities/custom-field.entity';
import { Category } from './entities/category.entity';
import { CatalogItem } from './entities/catalog-item.entity';
import { ProductSegment } from './entities/product-segment.entity';
import { FeedSchedule } from './entities/feed-schedule.entity';

export const MARKET_CATALOG_ENTITIES = [
  SalesChannel,
  Touchpoint,
  MarketCurrency,
  Region,
  CustomField,
  Category,
  CatalogItem,
  ProductSegment,
  FeedSchedule,
];
export * from './repositories/market-lookup';
export * from './domain/category-tree';
export * from './domain/custom-field-values';
export * from './domain/currency-codes';
export * from './views/settings-views';
export * from './views/catalog-item-view';
export * from './use-cases/market-settings-inputs';
export * from './use-cases/create-sales-channel.use-case';
export * from './use-cases/update-sales-channel.use-case';
export * from './use-cases/list-sales-channels.use-case';
export * from './use-cases/create-touchpoint.use-case';
export * from './use-cases/update-touchpoint.use-case';
export * from './use-cases/list-touchpoints.use-case';
export * from './use-cases/create-market-currency.use-case';
export * from './use-cases/list-market-currencies.use-case';
export * from './use-cases/create-region.use-case';
export * from './use-cases/list-regions.use-case';
export * from './use-cases/create-custom-field.use-case';
export * from './use-cases/list-custom-fields.use-case';
export * from './use-cases/import-catalog-items.use-case';
export * from './use-cases/get-catalog-item.use-case';
export * from './use-cases/list-catalog-items.use-case';
export * from './use-cases/delete-catalog-item.use-case';
export * from './repositories/catalog-import-session';
export * from './repositories/currency-digits';
export * from './feed-import/feed-import-jobs';
export * from './feed-import/start-feed-import.use-case';
export * from './feed-import/run-feed-import.use-case';
export * from './feed-import/tick-feed-schedule.use-case';
export * from './feed-import/feed-schedules-for-sweep';
export * from './segments/segment-definition';
export * from './segments/segment-view';
export * from './segments/create-product-segment.use-case';
export * from './segments/update-product-segment.use-case';
export * from './segments/get-product-segment.use-case';
export * from './segments/list-product-segments.use-case';
export * from './segments/list-segment-members.use-case';
export * from './nest/market-catalog.module';
export * from './feed';
export * from './read-model/cart-catalog';
export * from './read-model/load-cart-catalog';
export * from './read-model/catalog-structure';
export * from './read-model/catalog-structure-cache';
export { loadCustomFieldTypes } from './segments/catalog-facts-loader';
