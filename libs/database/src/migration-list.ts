import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125212820 } from './migrations/Migration20261125212820';
import { Migration20261125221833 } from './migrations/Migration20261125221833';
import { Migration20261125225902 } from './migrations/Migration20261125225902';
import { Migration20261125235319 } from './migrations/Migration20261125235319';
import { Migration20261126005139 } from './migrations/Migration20261126005139';
import { Migration20261126021317 } from './migrations/Migration20261126021317';
import { Migration20261126021532 } from './migrations/Migration20261126021532';
import { Migration20261126044850 } from './migrations/Migration20261126044850';
import { Migration20261126070100 } from './migrations/Migration20261126070100';
import { Migration20261126070200 } from './migrations/Migration20261126070200';
import { Migration20261126070300 } from './migrations/Migration20261126070300';
import { Migration20261126071945 } from './migrations/Migration20261126071945';
import { Migration20261126110000 } from './migrations/Migration20261126110000';

/** Migrations listed explicitly: the bundled apps have no migration files to glob. Append new ones. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261125212820', class: Migration20261125212820 },
  { name: 'Migration20261125221833', class: Migration20261125221833 },
  { name: 'Migration20261125225902', class: Migration20261125225902 },
  { name: 'Migration20261125235319', class: Migration20261125235319 },
  { name: 'Migration20261126005139', class: Migration20261126005139 },
  { name: 'Migration20261126021317', class: Migration20261126021317 },
  { name: 'Migration20261126021532', class: Migration20261126021532 },
  { name: 'Migration20261126044850', class: Migration20261126044850 },
  { name: 'Migration20261126070100', class: Migration20261126070100 },
  { name: 'Migration20261126070200', class: Migration20261126070200 },
  { name: 'Migration20261126070300', class: Migration20261126070300 },
  { name: 'Migration20261126071945', class: Migration20261126071945 },
  { name: 'Migration20261126110000', class: Migration20261126110000 },
];
