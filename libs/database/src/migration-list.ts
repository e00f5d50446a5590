import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125204417 } from './migrations/Migration20261125204417';

/** Migrations listed explicitly: the bundled apps have no migration files to glob. Append new ones. */
export const MIGRATIONS: MigrationObject[] = [{ name: 'Migration20261125204417', class: Migration20261125204417 }];
