import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import {
  DeleteCatalogItem,
  GetCatalogItem,
  ImportCatalogItems,
  ListCatalogItems,
  StartFeedImport,
} from '@loyalty/market-catalog';
import {
  CatalogItemView,
  DeleteItemResponse,
  ExternalIdRequest,
  FeedImportRequest,
  FeedImportResponse,
  ImportCountsResponse,
  ImportProductsRequest,
  ImportSkusRequest,
  ListItemsRequest,
  ListItemsResponse,
  ListSkusRequest,
} from './catalog-items.dto';
import { pageAnswer, pageOf } from '../common/page.dto';

@ApiTags('Market catalog')
@Controller(API_PREFIX)
export class CatalogItemsController {
  constructor(
    private readonly importItems: ImportCatalogItems,
    private readonly getItem: GetCatalogItem,
    private readonly listItems: ListCatalogItems,
    private readonly deleteItem: DeleteCatalogItem,
    private readonly startFeedImport: StartFeedImport,
  ) {}

  @ApiMethod('market/products/import', {
    access: 'integration',
    summary: 'Upsert up to 1,000 products and SKUs with their categories, all or nothing',
    description: 'Every invalid item is reported in details.items and details.fields; nothing is stored then.',
    response: ImportCountsResponse,
  })
  productsImport(@Body() body: ImportProductsRequest) {
    return this.importItems.execute(body);
  }

  @ApiMethod('market/sku/import', {
    access: 'integration',
    summary: 'Upsert up to 1,000 SKUs, all or nothing',
    response: ImportCountsResponse,
  })
  skuImport(@Body() body: ImportSkusRequest) {
    return this.importItems.execute(body, { skusOnly: true });
  }

  @ApiMethod('market/products/get', { access: 'read', summary: 'A product by external id', response: CatalogItemView })
  productsGet(@Body() body: ExternalIdRequest) {
    return this.getItem.execute('product', body.external_id);
  }

  @ApiMethod('market/sku/get', { access: 'read', summary: 'A SKU by external id', response: CatalogItemView })
  skuGet(@Body() body: ExternalIdRequest) {
    return this.getItem.execute('sku', body.external_id);
  }

  @ApiMethod('market/products/list', {
    access: 'read',
    summary: 'Products, ascending by id',
    response: ListItemsResponse,
  })
  async productsList(@Body() body: ListItemsRequest) {
    const page = await this.listItems.execute('product', {
      ...pageOf(body),
      includeDeleted: body.include_deleted,
    });
    return pageAnswer(page);
  }

  @ApiMethod('market/sku/list', { access: 'read', summary: 'SKUs, ascending by id', response: ListItemsResponse })
  async skuList(@Body() body: ListSkusRequest) {
    const page = await this.listItems.execute('sku', {
      ...pageOf(body),
      includeDeleted: body.include_deleted,
      productExternalId: body.product_external_id,
    });
    return pageAnswer(page);
  }

  @ApiMethod('market/products/delete', {
    access: 'integration',
    summary: 'Soft-delete a product and its SKUs (old orders still resolve them)',
    response: DeleteItemResponse,
  })
  productsDelete(@Body() body: ExternalIdRequest) {
    return this.deleteItem.execute('product', body.external_id);
  }

  @ApiMethod('market/sku/delete', { access: 'integration', summary: 'Soft-delete a SKU', response: DeleteItemResponse })
  skuDelete(@Body() body: ExternalIdRequest) {
    return this.deleteItem.execute('sku', body.external_id);
  }

  @ApiMethod('market/products/feed_import', {
    access: 'integration',
    summary: 'Import a YML or CSV feed as a task on the worker (optionally on a schedule)',
    description:
      'Poll tasks/get with the task_id. A malformed feed fails the task naming the position and line, and changes nothing.',
    response: FeedImportResponse,
  })
  feedImport(@Body() body: FeedImportRequest) {
    return this.startFeedImport.execute(body);
  }
}
