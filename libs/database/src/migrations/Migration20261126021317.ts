import { Migration } from '@mikro-orm/migrations';

export class Migration20261126021317 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "loyalty_partners" ("id" bigserial primary key, "account_id" bigint not null, "program_id" bigint not null, "external_id" text not null, "name" text not null, "products" jsonb not null, "terms" jsonb not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "loyalty_partners" add constraint "loyalty_partners_program_id_external_id_unique" unique ("program_id", "external_id");`,
    );

    this.addSql(
      `create table "loyalty_order_segments" ("id" bigserial primary key, "account_id" bigint not null, "program_id" bigint not null, "name" text not null, "conditions" jsonb not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );

    this.addSql(
      `alter table "loyalty_partners" add constraint "loyalty_partners_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "loyalty_partners" add constraint "loyalty_partners_program_id_foreign" foreign key ("program_id") references "loyalty_programs" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "loyalty_order_segments" add constraint "loyalty_order_segments_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "loyalty_order_segments" add constraint "loyalty_order_segments_program_id_foreign" foreign key ("program_id") references "loyalty_programs" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "orders" add column "checkout" jsonb null;`);

    this.addSql(`alter table "order_lines" add column "allocation" jsonb null;`);

    // Every commit moves its promotions' use counters: room on each page lets those updates be
    // heap-only (no new index entries), so the rows do not bloat under commit load.
    this.addSql(`alter table "promotions" set (fillfactor = 50);`);

    // Balance reads ask whether an account has a temporary transaction past its deadline.
    this.addSql(
      `create index "points_transactions_account_temporaries_idx" on "points_transactions" ("points_account_id") where "status" = 'temporary';`,
    );

    // Partners and order segments are program configuration: caches reload when they change.
    this.addSql(`create trigger loyalty_partners_config_version after insert or update or delete on loyalty_partners
      for each row execute function bump_config_version_of_program();`);
    this.addSql(`create trigger loyalty_order_segments_config_version
      after insert or update or delete on loyalty_order_segments
      for each row execute function bump_config_version_of_program();`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "promotions" reset (fillfactor);`);
    this.addSql(`drop index "points_transactions_account_temporaries_idx";`);

    this.addSql(`drop table if exists "loyalty_partners" cascade;`);

    this.addSql(`drop table if exists "loyalty_order_segments" cascade;`);

    this.addSql(`alter table "order_lines" drop column "allocation";`);

    this.addSql(`alter table "orders" drop column "checkout";`);
  }
}
