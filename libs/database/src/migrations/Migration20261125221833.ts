import { Migration } from '@mikro-orm/migrations';

export class Migration20261125221833 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "loyalty_programs" ("id" bigserial primary key, "account_id" bigint not null, "external_id" text not null, "name" text not null, "description" text null, "database_id" bigint not null, "timezone" text not null, "currency" text not null, "is_active" boolean not null, "arbitration" jsonb not null, "redemption" jsonb not null, "allow_unknown_items" boolean not null, "expiry_notice_days" jsonb not null, "activate_on" text not null, "release_on_cancel" boolean not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `create unique index "loyalty_programs_one_active_per_database" on "loyalty_programs" ("database_id") where "is_active";`,
    );
    this.addSql(
      `alter table "loyalty_programs" add constraint "loyalty_programs_account_id_external_id_unique" unique ("account_id", "external_id");`,
    );

    this.addSql(
      `create table "points_currencies" ("id" bigserial primary key, "account_id" bigint not null, "program_id" bigint not null, "external_id" text not null, "name" text not null, "type" text not null, "initial_balance" bigint not null, "validity_unit" text null, "validity_value" int null, "activation_delay_days" int not null, "point_value" text not null, "precision" smallint not null, "allow_negative" boolean not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "points_currencies" add constraint "points_currencies_program_id_external_id_unique" unique ("program_id", "external_id");`,
    );

    this.addSql(
      `create table "members" ("id" bigserial primary key, "account_id" bigint not null, "program_id" bigint not null, "profile_id" text not null, "status" text not null, "registered_at" timestamptz(3) not null, "deleted_at" timestamptz(3) null);`,
    );
    this.addSql(`create index "members_program_id_id_index" on "members" ("program_id", "id");`);
    this.addSql(
      `create unique index "members_one_active_per_profile" on "members" ("program_id", "profile_id") where "status" = 'active';`,
    );

    this.addSql(
      `create table "points_accounts" ("id" bigserial primary key, "account_id" bigint not null, "member_id" bigint not null, "currency_id" bigint not null, "active" bigint not null, "pending" bigint not null, "held" bigint not null, "debt" bigint not null, "version" int not null, "frozen" boolean not null);`,
    );
    this.addSql(
      `alter table "points_accounts" add constraint "points_accounts_member_id_currency_id_unique" unique ("member_id", "currency_id");`,
    );

    this.addSql(
      `create table "promotions" ("id" bigserial primary key, "account_id" bigint not null, "program_id" bigint not null, "type" text not null, "external_id" text not null, "name" text not null, "description" text null, "start_date" timestamptz(3) null, "end_date" timestamptz(3) null, "is_active" boolean not null, "priority" int not null, "stacking" text not null, "conditions" jsonb null, "limit_per_member" int null, "limit_per_member_period" text null, "limit_total_uses" int null, "limit_budget" bigint null, "uses_count" int not null, "budget_used" bigint not null, "promo_code_program_id" bigint null, "return_policy" text not null, "rules" jsonb not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "promotions" add constraint "promotions_program_id_external_id_unique" unique ("program_id", "external_id");`,
    );

    this.addSql(
      `create table "points_transactions" ("id" bigserial primary key, "account_id" bigint not null, "program_id" bigint not null, "member_id" bigint not null, "points_account_id" bigint not null, "transaction_eid" text not null, "type" text not null, "status" text not null, "amount" bigint not null, "balance_before" bigint not null, "balance_after" bigint not null, "promotion_id" bigint null, "description" text null, "activation_at" timestamptz(3) null, "expiration_at" timestamptz(3) null, "temp_deadline" timestamptz(3) null, "source_type" text null, "source_iid" text null, "source_eid" text null, "external_data" jsonb null, "related_transaction" bigint null, "request_fingerprint" text null, "response" text null, "created_at" timestamptz(3) not null, "recorded_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `create index "points_transactions_temporary_deadline_idx" on "points_transactions" ("temp_deadline") where "status" = 'temporary';`,
    );
    this.addSql(
      `create index "points_transactions_points_account_id_id_index" on "points_transactions" ("points_account_id", "id");`,
    );
    this.addSql(
      `alter table "points_transactions" add constraint "points_transactions_program_id_transaction_eid_unique" unique ("program_id", "transaction_eid");`,
    );

    this.addSql(
      `create table "points_lots" ("id" bigserial primary key, "account_id" bigint not null, "points_account_id" bigint not null, "transaction_id" bigint not null, "amount" bigint not null, "remaining" bigint not null, "activation_at" timestamptz(3) not null, "expires_at" timestamptz(3) null, "activated" boolean not null, "expired" boolean not null);`,
    );
    this.addSql(
      `create index "points_lots_due_expiry_idx" on "points_lots" ("expires_at") where not "expired" and "expires_at" is not null;`,
    );
    this.addSql(
      `create index "points_lots_due_activation_idx" on "points_lots" ("activation_at") where not "activated";`,
    );
    this.addSql(`create index "points_lots_points_account_id_id_index" on "points_lots" ("points_account_id", "id");`);

    this.addSql(
      `create table "promotion_member_uses" ("promotion_id" bigint not null, "member_id" bigint not null, "period_key" text not null, "account_id" bigint not null, "uses" int not null, constraint "promotion_member_uses_pkey" primary key ("promotion_id", "member_id", "period_key"));`,
    );

    this.addSql(
      `create table "redemption_allocations" ("id" bigserial primary key, "account_id" bigint not null, "transaction_id" bigint not null, "lot_id" bigint not null, "amount" bigint not null, "returned" bigint not null);`,
    );
    this.addSql(
      `create index "redemption_allocations_transaction_id_index" on "redemption_allocations" ("transaction_id");`,
    );
    this.addSql(`create index "redemption_allocations_lot_id_index" on "redemption_allocations" ("lot_id");`);

    this.addSql(
      `create table "tier_groups" ("id" bigserial primary key, "account_id" bigint not null, "program_id" bigint not null, "name" text not null, "type" text not null, "currency_id" bigint not null, "review_period_months" int null, "review_anchor_date" text null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );

    this.addSql(
      `create table "tiers" ("id" bigserial primary key, "account_id" bigint not null, "group_id" bigint not null, "tier_eid" text not null, "name" text not null, "threshold" bigint not null, "tier_order" int not null);`,
    );
    this.addSql(`alter table "tiers" add constraint "tiers_group_id_tier_eid_unique" unique ("group_id", "tier_eid");`);

    this.addSql(
      `create table "member_tier_history" ("id" bigserial primary key, "account_id" bigint not null, "member_id" bigint not null, "group_id" bigint not null, "tier_id" bigint not null, "reached_at" timestamptz(3) not null, "recorded_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `create index "member_tier_history_member_id_group_id_reached_at_index" on "member_tier_history" ("member_id", "group_id", "reached_at");`,
    );

    this.addSql(
      `create table "transaction_status_changes" ("id" bigserial primary key, "account_id" bigint not null, "transaction_id" bigint not null, "from_status" text not null, "to_status" text not null, "reason" text not null, "changed_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `create index "transaction_status_changes_transaction_id_index" on "transaction_status_changes" ("transaction_id");`,
    );

    this.addSql(
      `alter table "loyalty_programs" add constraint "loyalty_programs_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "loyalty_programs" add constraint "loyalty_programs_database_id_foreign" foreign key ("database_id") references "profile_databases" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "points_currencies" add constraint "points_currencies_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "points_currencies" add constraint "points_currencies_program_id_foreign" foreign key ("program_id") references "loyalty_programs" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "members" add constraint "members_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "members" add constraint "members_program_id_foreign" foreign key ("program_id") references "loyalty_programs" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "members" add constraint "members_profile_id_foreign" foreign key ("profile_id") references "profiles" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "points_accounts" add constraint "points_accounts_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "points_accounts" add constraint "points_accounts_member_id_foreign" foreign key ("member_id") references "members" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "points_accounts" add constraint "points_accounts_currency_id_foreign" foreign key ("currency_id") references "points_currencies" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "promotions" add constraint "promotions_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "promotions" add constraint "promotions_program_id_foreign" foreign key ("program_id") references "loyalty_programs" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "points_transactions" add constraint "points_transactions_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "points_transactions" add constraint "points_transactions_program_id_foreign" foreign key ("program_id") references "loyalty_programs" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "points_transactions" add constraint "points_transactions_member_id_foreign" foreign key ("member_id") references "members" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "points_transactions" add constraint "points_transactions_points_account_id_foreign" foreign key ("points_account_id") references "points_accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "points_transactions" add constraint "points_transactions_promotion_id_foreign" foreign key ("promotion_id") references "promotions" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "points_lots" add constraint "points_lots_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "points_lots" add constraint "points_lots_points_account_id_foreign" foreign key ("points_account_id") references "points_accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "points_lots" add constraint "points_lots_transaction_id_foreign" foreign key ("transaction_id") references "points_transactions" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "promotion_member_uses" add constraint "promotion_member_uses_promotion_id_foreign" foreign key ("promotion_id") references "promotions" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "promotion_member_uses" add constraint "promotion_member_uses_member_id_foreign" foreign key ("member_id") references "members" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "promotion_member_uses" add constraint "promotion_member_uses_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "redemption_allocations" add constraint "redemption_allocations_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "redemption_allocations" add constraint "redemption_allocations_transaction_id_foreign" foreign key ("transaction_id") references "points_transactions" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "redemption_allocations" add constraint "redemption_allocations_lot_id_foreign" foreign key ("lot_id") references "points_lots" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "tier_groups" add constraint "tier_groups_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "tier_groups" add constraint "tier_groups_program_id_foreign" foreign key ("program_id") references "loyalty_programs" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "tier_groups" add constraint "tier_groups_currency_id_foreign" foreign key ("currency_id") references "points_currencies" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "tiers" add constraint "tiers_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "tiers" add constraint "tiers_group_id_foreign" foreign key ("group_id") references "tier_groups" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "member_tier_history" add constraint "member_tier_history_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "member_tier_history" add constraint "member_tier_history_member_id_foreign" foreign key ("member_id") references "members" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "member_tier_history" add constraint "member_tier_history_group_id_foreign" foreign key ("group_id") references "tier_groups" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "member_tier_history" add constraint "member_tier_history_tier_id_foreign" foreign key ("tier_id") references "tiers" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "transaction_status_changes" add constraint "transaction_status_changes_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "transaction_status_changes" add constraint "transaction_status_changes_transaction_id_foreign" foreign key ("transaction_id") references "points_transactions" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "points_currencies" drop constraint "points_currencies_program_id_foreign";`);

    this.addSql(`alter table "members" drop constraint "members_program_id_foreign";`);

    this.addSql(`alter table "promotions" drop constraint "promotions_program_id_foreign";`);

    this.addSql(`alter table "points_transactions" drop constraint "points_transactions_program_id_foreign";`);

    this.addSql(`alter table "tier_groups" drop constraint "tier_groups_program_id_foreign";`);

    this.addSql(`alter table "points_accounts" drop constraint "points_accounts_currency_id_foreign";`);

    this.addSql(`alter table "tier_groups" drop constraint "tier_groups_currency_id_foreign";`);

    this.addSql(`alter table "points_accounts" drop constraint "points_accounts_member_id_foreign";`);

    this.addSql(`alter table "points_transactions" drop constraint "points_transactions_member_id_foreign";`);

    this.addSql(`alter table "promotion_member_uses" drop constraint "promotion_member_uses_member_id_foreign";`);

    this.addSql(`alter table "member_tier_history" drop constraint "member_tier_history_member_id_foreign";`);

    this.addSql(`alter table "points_transactions" drop constraint "points_transactions_points_account_id_foreign";`);

    this.addSql(`alter table "points_lots" drop constraint "points_lots_points_account_id_foreign";`);

    this.addSql(`alter table "points_transactions" drop constraint "points_transactions_promotion_id_foreign";`);

    this.addSql(`alter table "promotion_member_uses" drop constraint "promotion_member_uses_promotion_id_foreign";`);

    this.addSql(`alter table "points_lots" drop constraint "points_lots_transaction_id_foreign";`);

    this.addSql(
      `alter table "redemption_allocations" drop constraint "redemption_allocations_transaction_id_foreign";`,
    );

    this.addSql(
      `alter table "transaction_status_changes" drop constraint "transaction_status_changes_transaction_id_foreign";`,
    );

    this.addSql(`alter table "redemption_allocations" drop constraint "redemption_allocations_lot_id_foreign";`);

    this.addSql(`alter table "tiers" drop constraint "tiers_group_id_foreign";`);

    this.addSql(`alter table "member_tier_history" drop constraint "member_tier_history_group_id_foreign";`);

    this.addSql(`alter table "member_tier_history" drop constraint "member_tier_history_tier_id_foreign";`);

    this.addSql(`drop table if exists "loyalty_programs" cascade;`);

    this.addSql(`drop table if exists "points_currencies" cascade;`);

    this.addSql(`drop table if exists "members" cascade;`);

    this.addSql(`drop table if exists "points_accounts" cascade;`);

    this.addSql(`drop table if exists "promotions" cascade;`);

    this.addSql(`drop table if exists "points_transactions" cascade;`);

    this.addSql(`drop table if exists "points_lots" cascade;`);

    this.addSql(`drop table if exists "promotion_member_uses" cascade;`);

    this.addSql(`drop table if exists "redemption_allocations" cascade;`);

    this.addSql(`drop table if exists "tier_groups" cascade;`);

    this.addSql(`drop table if exists "tiers" cascade;`);

    this.addSql(`drop table if exists "member_tier_history" cascade;`);

    this.addSql(`drop table if exists "transaction_status_changes" cascade;`);
  }
}
