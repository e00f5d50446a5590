import type { MinorDigits } from '@loyalty/kernel';
import type { CustomFieldDefinition } from './custom-field-values';

/** What validating an item needs to know about the account, loaded once per import. */
export interface CatalogReferences {
  /** Currency code → minor digits. */
  currencies: ReadonlyMap<string, MinorDigits>;
  regions: ReadonlySet<string>;
  productFields: ReadonlyMap<string, CustomFieldDefinition>;
  skuFields: ReadonlyMap<string, CustomFieldDefinition>;
}
