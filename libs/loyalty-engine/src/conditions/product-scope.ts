import { MinorDigits } from '@loyalty/kernel';
import { CatalogItemEntity, CatalogItemFacts } from './catalog-item-facts';
import { CategoryAncestry, categoryMembership } from './category-ancestry';
import { defineField, fieldsByCode } from './condition-field';
import { ConditionScope } from './condition-scope';
import { minorUnitsToHundredths } from './condition-decimals';
import { booleanKind, decimalKind, externalIdMembershipKind, identityKind, integerKind, textKind } from './field-kinds';
import { listKind } from './list-kind';

/** The facts a product-scope leaf reads: one catalog item and the catalog's category tree. */
export interface ProductConditionContext {
  readonly item: CatalogItemFacts;
  readonly categories: CategoryAncestry;
}

const money = (minor: bigint | null, minorDigits: MinorDigits) =>
  minor === null ? undefined : minorUnitsToHundredths(minor, minorDigits);

const orAbsent = <T>(value: T | null) => (value === null ? undefined : value);

const PRODUCT_FIELDS = fieldsByCode<ProductConditionContext>([
  defineField('product', identityKind, ({ item }) => item.product),
  defineField('sku', identityKind, ({ item }) => orAbsent(item.sku)),
  defineField('name', textKind, ({ item }) => item.name),
  defineField('category', externalIdMembershipKind, ({ item, categories }) =>
    categoryMembership(item.categories, categories),
  ),
  defineField('tags', listKind, ({ item }) => item.tags),
  defineField('price', decimalKind, ({ item }) => money(item.price, item.minorDigits)),
  defineField('old_price', decimalKind, ({ item }) => money(item.oldPrice, item.minorDigits)),
  defineField('is_available', booleanKind, ({ item }) => item.isAvailable),
  defineField('count', integerKind, ({ item }) => orAbsent(item.count)),
  defineField('manufacturer_name', textKind, ({ item }) => orAbsent(item.manufacturerName)),
]);

function productScope(entity: CatalogItemEntity): ConditionScope<ProductConditionContext> {
  return {
    fields: PRODUCT_FIELDS,
    customFieldFamilies: [
      { prefix: 'custom_fields.', entity, isLineField: false, facts: ({ item }) => item.customFields },
    ],
  };
}

/** The fields of `market/product_segments` dynamic trees, by the segment's entity. */
export const PRODUCT_SCOPES: Readonly<Record<CatalogItemEntity, ConditionScope<ProductConditionContext>>> = {
  product: productScope('product'),
  sku: productScope('sku'),
};
