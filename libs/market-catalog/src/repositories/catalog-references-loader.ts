import type { EntityManager } from '@mikro-orm/postgresql';
import type { CatalogReferences } from '../domain/catalog-references';
import type { CustomFieldDefinition } from '../domain/custom-field-values';
import { Category } from '../entities/category.entity';
import { CustomField, CustomFieldEntityType } from '../entities/custom-field.entity';
import { loadCurrencyDigitMap } from './currency-digits';
import { Region } from '../entities/region.entity';

export async function loadCustomFieldDefinitions(
  em: EntityManager,
  entityType: CustomFieldEntityType,
): Promise<Map<string, CustomFieldDefinition>> {
  const fields = await em.find(CustomField, { entityType });
  return new Map(fields.map((field) => [field.externalId, field]));
}

/** Currencies, regions and custom field definitions of the caller's account. */
export async function loadCatalogReferences(em: EntityManager): Promise<CatalogReferences> {
  // One after another: inside a transaction they share one connection.
  const currencies = await loadCurrencyDigitMap(em);
  const regions = await em.find(Region, {});
  const productFields = await loadCustomFieldDefinitions(em, 'product');
  const skuFields = await loadCustomFieldDefinitions(em, 'sku');
  return {
    currencies,
    regions: new Set(regions.map((region) => region.externalId)),
    productFields,
    skuFields,
  };
}

/** The account's category tree as parent links. */
export async function loadCategoryParents(em: EntityManager): Promise<Map<string, string | null>> {
  const categories = await em.find(Category, {});
  return new Map(categories.map((category) => [category.externalId, category.parentExternalId]));
}
