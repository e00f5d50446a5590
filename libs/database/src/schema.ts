import type { SchemaDefinition } from '@loyalty/platform';
import { PLATFORM_ENTITIES } from '@loyalty/platform';
import { LOYALTY_ENTITIES } from '@loyalty/loyalty';
import { TIER_REVIEW_ENTITIES } from '@loyalty/loyalty';
import { PROFILE_ENTITIES } from '@loyalty/profiles';
import { MARKET_CATALOG_ENTITIES } from '@loyalty/market-catalog';
import { ORDER_ENTITIES } from '@loyalty/orders';
import { NOTIFICATION_ENTITIES } from '@loyalty/notifications';
import { MIGRATIONS } from './migration-list';
import { TASK_FILE_ENTITIES } from '@loyalty/platform';
import { REPORT_ENTITIES } from '@loyalty/loyalty';
import { SCENARIO_ENTITIES } from '@loyalty/scenario-node';

/** Every entity of the product and every migration, in the order they apply. */
export const SCHEMA: SchemaDefinition = {
  entities: [
    ...PLATFORM_ENTITIES,
    ...PROFILE_ENTITIES,
    ...LOYALTY_ENTITIES,
    ...MARKET_CATALOG_ENTITIES,
    ...ORDER_ENTITIES,
    ...NOTIFICATION_ENTITIES,
    ...TIER_REVIEW_ENTITIES,
    ...TASK_FILE_ENTITIES,
    ...REPORT_ENTITIES,
    ...SCENARIO_ENTITIES,
  ],
  migrations: MIGRATIONS,
};
