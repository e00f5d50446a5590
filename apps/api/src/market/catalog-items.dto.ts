import {
  BoolField,
  DecimalField,
  EnumField,
  ExternalIdField,
  IgnoredField,
  IntField,
  NestedArrayField,
  NestedField,
  ObjectField,
  Out,
  StringArrayField,
  TextField,
  EXTERNAL_ID_PATTERN,
} from '@loyalty/platform';
import type { CatalogItemInput, CategoryInput, RegionalDataInput } from '@loyalty/market-catalog';
import { PageInfo, PageRequest } from '../common/page.dto';

const stamp = '2026-11-25T10:00:00.000Z';

export class CategoryDto implements CategoryInput {
  @ExternalIdField({ example: 'phones' })
  external_id!: string;

  @TextField({ maxLength: 1000, example: 'Phones' })
  name!: string;

  @ExternalIdField({
    optional: true,
    nullable: true,
    description: 'May name a category sent later in the same call',
    example: 'electronics',
  })
  parent_external_id?: string | null;
}

export class RegionalDataDto implements RegionalDataInput {
  @ExternalIdField({ description: 'A region external id', example: 'msk' })
  external_id!: string;

  @DecimalField({ optional: true, nullable: true, example: '1090.00' })
  price?: string | null;

  @DecimalField({ optional: true, nullable: true, example: '1290.00' })
  old_price?: string | null;

  @TextField({ optional: true, nullable: true, minLength: 3, maxLength: 3, example: 'RUB' })
  currency?: string | null;

  @IntField({ optional: true, nullable: true, max: 2_147_483_647, example: 5 })
  count?: number | null;

  @BoolField({ optional: true, nullable: true, example: true })
  is_available?: boolean;
}

/** The fields products and SKUs share. */
class CatalogItemFields implements CatalogItemInput {
  @TextField({ maxLength: 1000, example: 'iPhone 17' })
  name!: string;

  @ExternalIdField({ description: 'Unique among products (or among SKUs)', example: 'iphone17' })
  external_id!: string;

  @DecimalField({ optional: true, nullable: true, description: 'Money in `currency`', example: '1100.00' })
  price?: string | null;

  @DecimalField({ optional: true, nullable: true, example: '1200.00' })
  old_price?: string | null;

  @TextField({
    optional: true,
    nullable: true,
    minLength: 3,
    maxLength: 3,
    description: 'One of the account currencies; may be left out when the account has only one',
    example: 'RUB',
  })
  currency?: string | null;

  @StringArrayField({ optional: true, nullable: true, maxItems: 100, maxLength: 255, example: ['new'] })
  tags?: string[];

  @TextField({ optional: true, nullable: true, maxLength: 1000, example: 'Apple' })
  manufacturer_name?: string | null;

  @TextField({ optional: true, nullable: true, maxLength: 1000, example: 'A phone' })
  description?: string | null;

  @TextField({ optional: true, nullable: true, maxLength: 2000, example: 'https://shop.example/iphone17' })
  url?: string | null;

  @StringArrayField({
    optional: true,
    nullable: true,
    maxItems: 50,
    maxLength: 2000,
    example: ['https://shop.example/1.jpg'],
  })
  pictures?: string[];

  @StringArrayField({
    optional: true,
    nullable: true,
    maxItems: 100,
    maxLength: 255,
    pattern: EXTERNAL_ID_PATTERN,
    description: 'Category external ids (stored or in this call)',
    example: ['phones'],
  })
  categories?: string[];

  @IntField({ optional: true, nullable: true, max: 2_147_483_647, description: 'Stock', example: 10 })
  count?: number | null;

  @BoolField({ optional: true, nullable: true, description: 'Default true', example: true })
  is_available?: boolean;

  @TextField({ optional: true, nullable: true, example: '4601234567890' })
  barcode?: string | null;

  @ObjectField({
    optional: true,
    nullable: true,
    description: 'Values checked against the custom field definitions',
    example: { color: 'black' },
  })
  custom_fields?: Record<string, unknown>;

  @NestedArrayField(() => RegionalDataDto, { optional: true, nullable: true, maxItems: 1000 })
  regional_data?: RegionalDataDto[];

  @IgnoredField()
  expiration_time?: unknown;

  @IgnoredField()
  delivery?: unknown;

  @IgnoredField()
  manufacturer_warranty?: unknown;
}

export class ProductOrSkuDto extends CatalogItemFields {
  @ExternalIdField({
    optional: true,
    nullable: true,
    description: 'Present for a SKU: its product',
    example: 'iphone17',
  })
  product_external_id?: string;
}

export class SkuDto extends CatalogItemFields {
  @ExternalIdField({ description: 'The product of the SKU (stored or in this call)', example: 'iphone17' })
  product_external_id!: string;
}

export class ImportProductsRequest {
  @NestedArrayField(() => CategoryDto, { optional: true, nullable: true, maxItems: 1000 })
  categories?: CategoryDto[];

  @NestedArrayField(() => ProductOrSkuDto, {
    minItems: 1,
    maxItems: 1000,
    description: 'Products and SKUs (a SKU has product_external_id)',
  })
  data!: ProductOrSkuDto[];
}

export class ImportSkusRequest {
  @NestedArrayField(() => SkuDto, { minItems: 1, maxItems: 1000 })
  data!: SkuDto[];
}

export class ImportCountsResponse {
  @Out({ type: 'integer', example: 1 }) categories!: number;
  @Out({ type: 'integer', example: 1 }) products!: number;
  @Out({ type: 'integer', example: 2 }) skus!: number;
}

export class ExternalIdRequest {
  @ExternalIdField({ example: 'iphone17' })
  external_id!: string;
}

export class ListItemsRequest extends PageRequest {
  @BoolField({
    optional: true,
    nullable: true,
    description: 'Include soft-deleted items (default false)',
    example: false,
  })
  include_deleted?: boolean | null;
}

export class ListSkusRequest extends ListItemsRequest {
  @ExternalIdField({
    optional: true,
    nullable: true,
    description: 'Only the SKUs of this product',
    example: 'iphone17',
  })
  product_external_id?: string | null;
}

export class RegionalDataView {
  @Out({ example: 'msk' }) external_id!: string;
  @Out({ nullable: true, example: '1090.00' }) price!: string | null;
  @Out({ nullable: true, example: null }) old_price!: string | null;
  @Out({ nullable: true, example: 'RUB' }) currency!: string | null;
  @Out({ type: 'integer', nullable: true, example: 5 }) count!: number | null;
  @Out({ example: true }) is_available!: boolean;
}

export class CatalogItemView {
  @Out({ type: 'integer', example: 1 }) id!: number;
  @Out({ example: 'iphone17' }) external_id!: string;
  @Out({ required: false, description: 'SKUs only', example: 'iphone17' }) product_external_id?: string;
  @Out({ example: 'iPhone 17' }) name!: string;
  @Out({ nullable: true, example: '1100.00' }) price!: string | null;
  @Out({ nullable: true, example: '1200.00' }) old_price!: string | null;
  @Out({ nullable: true, example: 'RUB' }) currency!: string | null;
  @Out({ type: [String], example: ['new'] }) tags!: string[];
  @Out({ nullable: true, example: 'Apple' }) manufacturer_name!: string | null;
  @Out({ nullable: true, example: null }) description!: string | null;
  @Out({ nullable: true, example: null }) url!: string | null;
  @Out({ type: [String], example: [] }) pictures!: string[];
  @Out({ type: [String], example: ['phones'] }) categories!: string[];
  @Out({ type: 'integer', nullable: true, example: 10 }) count!: number | null;
  @Out({ example: true }) is_available!: boolean;
  @Out({ nullable: true, example: null }) barcode!: string | null;
  @Out({ type: 'object', additionalProperties: true, example: { color: 'black' } }) custom_fields!: Record<
    string,
    unknown
  >;
  @Out({ type: [RegionalDataView] }) regional_data!: RegionalDataView[];
  @Out({ example: false }) is_deleted!: boolean;
  @Out({ format: 'date-time', example: stamp }) created_at!: string;
  @Out({ format: 'date-time', example: stamp }) updated_at!: string;
}

export class ListItemsResponse extends PageInfo {
  @Out({ type: [CatalogItemView] }) items!: CatalogItemView[];
  @Out({ type: 'integer', example: 1 }) total_count!: number;
}

export class DeleteItemResponse {
  @Out({ type: 'integer', description: 'Items deleted: the product and its SKUs', example: 3 }) deleted!: number;
}

export class FeedScheduleDto {
  @TextField({ maxLength: 100, description: 'Cron pattern, 5 or 6 fields', example: '0 3 * * *' })
  cron!: string;

  @TextField({ maxLength: 64, description: 'IANA time zone the pattern is read in', example: 'Europe/Moscow' })
  timezone!: string;
}

export class FeedImportRequest {
  @EnumField(['yml', 'csv'], { example: 'yml' })
  format!: 'yml' | 'csv';

  @TextField({
    optional: true,
    nullable: true,
    maxLength: 20 * 1024 * 1024,
    description: 'The feed itself (up to 20 MB); or give url',
    example: '<yml_catalog>…</yml_catalog>',
  })
  content?: string | null;

  @TextField({
    optional: true,
    nullable: true,
    maxLength: 2000,
    description: 'http(s) address the worker fetches the feed from',
    example: 'https://shop.example/feed.yml',
  })
  url?: string | null;

  @NestedField(() => FeedScheduleDto, {
    optional: true,
    nullable: true,
    description: 'Makes the import recurring (needs url)',
  })
  schedule?: FeedScheduleDto | null;
}

export class FeedImportResponse {
  @Out({ type: 'integer', example: 12 }) task_id!: number;
  @Out({ type: 'integer', nullable: true, example: null }) schedule_id!: number | null;
}
