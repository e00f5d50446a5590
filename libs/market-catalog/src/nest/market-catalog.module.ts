import { Module } from '@nestjs/common';
import { CatalogStructureCache } from '../read-model/catalog-structure-cache';
import { CreateProductSegment } from '../segments/create-product-segment.use-case';
import { GetProductSegment } from '../segments/get-product-segment.use-case';
import { ListProductSegments } from '../segments/list-product-segments.use-case';
import { ListSegmentMembers } from '../segments/list-segment-members.use-case';
import { UpdateProductSegment } from '../segments/update-product-segment.use-case';
import { RunFeedImport } from '../feed-import/run-feed-import.use-case';
import { StartFeedImport } from '../feed-import/start-feed-import.use-case';
import { TickFeedSchedule } from '../feed-import/tick-feed-schedule.use-case';
import { CreateCustomField } from '../use-cases/create-custom-field.use-case';
import { CreateMarketCurrency } from '../use-cases/create-market-currency.use-case';
import { CreateRegion } from '../use-cases/create-region.use-case';
import { CreateSalesChannel } from '../use-cases/create-sales-channel.use-case';
import { CreateTouchpoint } from '../use-cases/create-touchpoint.use-case';
import { DeleteCatalogItem } from '../use-cases/delete-catalog-item.use-case';
import { GetCatalogItem } from '../use-cases/get-catalog-item.use-case';
import { ImportCatalogItems } from '../use-cases/import-catalog-items.use-case';
import { ListCatalogItems } from '../use-cases/list-catalog-items.use-case';
import { ListCustomFields } from '../use-cases/list-custom-fields.use-case';
import { ListMarketCurrencies } from '../use-cases/list-market-currencies.use-case';
import { ListRegions } from '../use-cases/list-regions.use-case';
import { ListSalesChannels } from '../use-cases/list-sales-channels.use-case';
import { ListTouchpoints } from '../use-cases/list-touchpoints.use-case';
import { UpdateSalesChannel } from '../use-cases/update-sales-channel.use-case';
import { UpdateTouchpoint } from '../use-cases/update-touchpoint.use-case';

const useCases = [
  CreateSalesChannel,
  UpdateSalesChannel,
  ListSalesChannels,
  CreateTouchpoint,
  UpdateTouchpoint,
  ListTouchpoints,
  CreateMarketCurrency,
  ListMarketCurrencies,
  CreateRegion,
  ListRegions,
  CreateCustomField,
  ListCustomFields,
  ImportCatalogItems,
  GetCatalogItem,
  ListCatalogItems,
  DeleteCatalogItem,
  StartFeedImport,
  RunFeedImport,
  TickFeedSchedule,
  CreateProductSegment,
  UpdateProductSegment,
  GetProductSegment,
  ListProductSegments,
  ListSegmentMembers,
];

/** Use cases of the market catalog, and the catalog structures cached for checkouts. */
@Module({ providers: [...useCases, CatalogStructureCache], exports: [...useCases, CatalogStructureCache] })
export class MarketCatalogModule {}
