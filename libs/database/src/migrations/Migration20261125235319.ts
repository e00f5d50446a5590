import { Migration } from '@mikro-orm/migrations';

export class Migration20261125235319 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "market_items" ("id" bigserial primary key, "account_id" bigint not null, "kind" text not null, "external_id" text not null, "product_external_id" text null, "name" text not null, "price" bigint null, "old_price" bigint null, "currency" text null, "tags" jsonb not null, "manufacturer_name" text null, "description" text null, "url" text null, "pictures" jsonb not null, "categories" jsonb not null, "count" int null, "is_available" boolean not null, "barcode" text null, "custom_fields" jsonb not null, "regional_data" jsonb not null, "deleted_at" timestamptz(3) null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `create index "market_items_account_id_product_external_id_index" on "market_items" ("account_id", "product_external_id");`,
    );
    this.addSql(
      `alter table "market_items" add constraint "market_items_account_id_kind_external_id_unique" unique ("account_id", "kind", "external_id");`,
    );

    this.addSql(
      `create table "market_categories" ("id" bigserial primary key, "account_id" bigint not null, "external_id" text not null, "name" text not null, "parent_external_id" text null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "market_categories" add constraint "market_categories_account_id_external_id_unique" unique ("account_id", "external_id");`,
    );

    this.addSql(
      `create table "market_custom_fields" ("id" bigserial primary key, "account_id" bigint not null, "entity_type" text not null, "external_id" text not null, "name" text not null, "value_type" text not null, "required" boolean not null, "default_value" jsonb null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "market_custom_fields" add constraint "market_custom_fields_account_id_entity_type_external_id_unique" unique ("account_id", "entity_type", "external_id");`,
    );

    this.addSql(
      `create table "order_custom_line_statuses" ("id" bigserial primary key, "account_id" bigint not null, "external_id" text not null, "name" text not null, "effect" text not null, "created_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "order_custom_line_statuses" add constraint "order_custom_line_statuses_account_id_external_id_unique" unique ("account_id", "external_id");`,
    );

    this.addSql(
      `create table "market_feed_schedules" ("id" bigserial primary key, "account_id" bigint not null, "format" text not null, "url" text not null, "cron" text not null, "timezone" text not null, "created_at" timestamptz(3) not null);`,
    );

    this.addSql(
      `create table "market_currencies" ("id" bigserial primary key, "account_id" bigint not null, "code" text not null, "minor_digits" smallint not null, "created_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "market_currencies" add constraint "market_currencies_account_id_code_unique" unique ("account_id", "code");`,
    );

    this.addSql(
      `create table "orders" ("id" bigserial primary key, "account_id" bigint not null, "external_id" text not null, "origin" text not null, "endpoint" text not null, "person" jsonb null, "profile_id" text null, "status" text not null, "currency" text not null, "total_price" bigint not null, "delivery_cost" bigint not null, "region" text null, "tags" jsonb not null, "custom_fields" jsonb not null, "create_time" timestamptz(3) not null, "update_time" timestamptz(3) not null, "deleted_at" timestamptz(3) null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "orders" add constraint "orders_account_id_external_id_unique" unique ("account_id", "external_id");`,
    );

    this.addSql(
      `create table "order_lines" ("id" bigserial primary key, "account_id" bigint not null, "order_id" bigint not null, "position" int not null, "external_id" text not null, "product" text null, "sku" text null, "base_price_per_item" bigint not null, "min_price_per_item" bigint not null, "final_price_per_item" bigint null, "count" int not null, "status" text not null, "units_returned" int not null, "custom_fields" jsonb not null);`,
    );
    this.addSql(
      `alter table "order_lines" add constraint "order_lines_order_id_external_id_unique" unique ("order_id", "external_id");`,
    );

    this.addSql(
      `create table "order_refunds" ("id" bigserial primary key, "account_id" bigint not null, "order_id" bigint not null, "line_id" bigint not null, "status" text not null, "effect" text not null, "units" int not null, "money_to_refund" bigint not null, "points_returned" bigint not null, "points_cancelled" bigint not null, "discount_clawed_back" bigint not null, "created_at" timestamptz(3) not null);`,
    );

    this.addSql(
      `create table "market_product_segments" ("id" bigserial primary key, "account_id" bigint not null, "name" text not null, "entity" text not null, "kind" text not null, "items" jsonb not null, "conditions" jsonb null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );

    this.addSql(
      `create table "market_regions" ("id" bigserial primary key, "account_id" bigint not null, "external_id" text not null, "name" text not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "market_regions" add constraint "market_regions_account_id_external_id_unique" unique ("account_id", "external_id");`,
    );

    this.addSql(
      `create table "market_channels" ("id" bigserial primary key, "account_id" bigint not null, "external_id" text not null, "name" text not null, "type" text not null, "db_id" bigint not null, "tags" jsonb not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "market_channels" add constraint "market_channels_account_id_external_id_unique" unique ("account_id", "external_id");`,
    );

    this.addSql(
      `create table "tasks" ("id" bigserial primary key, "account_id" bigint not null, "kind" text not null, "status" text not null, "progress" smallint not null, "input" jsonb not null, "payload" text null, "result" jsonb null, "errors" jsonb not null, "created_at" timestamptz(3) not null, "started_at" timestamptz(3) null, "finished_at" timestamptz(3) null);`,
    );

    this.addSql(
      `create table "market_endpoints" ("id" bigserial primary key, "account_id" bigint not null, "channel_id" bigint not null, "external_id" text not null, "name" text not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "market_endpoints" add constraint "market_endpoints_account_id_external_id_unique" unique ("account_id", "external_id");`,
    );

    this.addSql(
      `alter table "market_items" add constraint "market_items_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "market_categories" add constraint "market_categories_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "market_custom_fields" add constraint "market_custom_fields_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "order_custom_line_statuses" add constraint "order_custom_line_statuses_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "market_feed_schedules" add constraint "market_feed_schedules_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "market_currencies" add constraint "market_currencies_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "orders" add constraint "orders_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "order_lines" add constraint "order_lines_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "order_lines" add constraint "order_lines_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "order_refunds" add constraint "order_refunds_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "order_refunds" add constraint "order_refunds_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "order_refunds" add constraint "order_refunds_line_id_foreign" foreign key ("line_id") references "order_lines" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "market_product_segments" add constraint "market_product_segments_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "market_regions" add constraint "market_regions_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "market_channels" add constraint "market_channels_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "market_channels" add constraint "market_channels_db_id_foreign" foreign key ("db_id") references "profile_databases" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "tasks" add constraint "tasks_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "market_endpoints" add constraint "market_endpoints_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "market_endpoints" add constraint "market_endpoints_channel_id_foreign" foreign key ("channel_id") references "market_channels" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "order_lines" drop constraint "order_lines_order_id_foreign";`);

    this.addSql(`alter table "order_refunds" drop constraint "order_refunds_order_id_foreign";`);

    this.addSql(`alter table "order_refunds" drop constraint "order_refunds_line_id_foreign";`);

    this.addSql(`alter table "market_endpoints" drop constraint "market_endpoints_channel_id_foreign";`);

    this.addSql(`drop table if exists "market_items" cascade;`);

    this.addSql(`drop table if exists "market_categories" cascade;`);

    this.addSql(`drop table if exists "market_custom_fields" cascade;`);

    this.addSql(`drop table if exists "order_custom_line_statuses" cascade;`);

    this.addSql(`drop table if exists "market_feed_schedules" cascade;`);

    this.addSql(`drop table if exists "market_currencies" cascade;`);

    this.addSql(`drop table if exists "orders" cascade;`);

    this.addSql(`drop table if exists "order_lines" cascade;`);

    this.addSql(`drop table if exists "order_refunds" cascade;`);

    this.addSql(`drop table if exists "market_product_segments" cascade;`);

    this.addSql(`drop table if exists "market_regions" cascade;`);

    this.addSql(`drop table if exists "market_channels" cascade;`);

    this.addSql(`drop table if exists "tasks" cascade;`);

    this.addSql(`drop table if exists "market_endpoints" cascade;`);
  }
}
