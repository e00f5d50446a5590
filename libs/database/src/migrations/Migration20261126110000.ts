import { Migration } from '@mikro-orm/migrations';

/** The tables whose rows every cart reads besides its items (the catalog structure). */
const STRUCTURE_TABLES = ['market_categories', 'market_product_segments', 'market_custom_fields', 'market_currencies'];

export class Migration20261126110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "accounts" add column "catalog_version" bigint not null default 0;`);

    // Every statement that changes an account's catalog structure moves its catalog_version, once
    // per statement (an import of 500 categories is one bump), so that the structure cached in
    // each process knows when it is stale. Transition tables need one trigger per event.
    this.addSql(`create function bump_catalog_version() returns trigger language plpgsql as $$
      begin
        update accounts set catalog_version = catalog_version + 1
         where id in (select distinct account_id from changed_rows);
        return null;
      end $$;`);
    for (const table of STRUCTURE_TABLES) {
      for (const [event, transition] of [
        ['insert', 'new'],
        ['update', 'new'],
        ['delete', 'old'],
      ]) {
        this.addSql(`create trigger "${table}_catalog_version_${event}" after ${event} on "${table}"
          referencing ${transition} table as changed_rows
          for each statement execute function bump_catalog_version();`);
      }
    }
  }

  override async down(): Promise<void> {
    for (const table of STRUCTURE_TABLES) {
      for (const event of ['insert', 'update', 'delete']) {
        this.addSql(`drop trigger "${table}_catalog_version_${event}" on "${table}";`);
      }
    }
    this.addSql('drop function bump_catalog_version();');
    this.addSql(`alter table "accounts" drop column "catalog_version";`);
  }
}
