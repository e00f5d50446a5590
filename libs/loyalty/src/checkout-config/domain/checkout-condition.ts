import type { EntityManager } from '@mikro-orm/postgresql';
import { compileOrderCondition, OrderCondition } from '@loyalty/loyalty-engine';
import { loadCustomFieldTypes } from '@loyalty/market-catalog';

/**
 * Checks a checkout condition tree (a promotion's or an order segment's) against the account's
 * custom field definitions and compiles it; error 1 names the offending node's path.
 */
export async function checkCheckoutCondition(
  em: EntityManager,
  tree: unknown,
  path = 'conditions',
): Promise<OrderCondition> {
  return compileOrderCondition(tree, { customFieldType: await loadCustomFieldTypes(em) }, path);
}
