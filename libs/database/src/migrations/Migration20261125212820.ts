import { Migration } from '@mikro-orm/migrations';

export class Migration20261125212820 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "accounts" ("id" bigserial primary key, "name" text not null, "timezone" text not null, "created_at" timestamptz(3) not null);`,
    );

    this.addSql(
      `create table "api_tokens" ("id" bigserial primary key, "account_id" bigint not null, "name" text not null, "role" text not null, "secret_hash" text not null, "secret_prefix" text not null, "created_at" timestamptz(3) not null, "revoked_at" timestamptz(3) null);`,
    );
    this.addSql(`alter table "api_tokens" add constraint "api_tokens_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "api_tokens_account_id_id_index" on "api_tokens" ("account_id", "id");`);

    this.addSql(
      `create table "audit_entries" ("id" bigserial primary key, "account_id" bigint not null, "token_id" bigint null, "entity_type" text not null, "entity_id" text not null, "action" text not null, "before" jsonb null, "after" jsonb null, "reason" text null, "created_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `create index "audit_entries_account_id_entity_type_id_index" on "audit_entries" ("account_id", "entity_type", "id");`,
    );

    this.addSql(
      `create table "idempotency_records" ("id" bigserial primary key, "scope" bigint not null, "method" text not null, "key" text not null, "request_hash" text not null, "status_code" smallint not null, "response_body" text not null, "created_at" timestamptz(3) not null, "expires_at" timestamptz(3) not null);`,
    );
    this.addSql(`create index "idempotency_records_expires_at_index" on "idempotency_records" ("expires_at");`);
    this.addSql(
      `alter table "idempotency_records" add constraint "idempotency_records_scope_method_key_unique" unique ("scope", "method", "key");`,
    );

    this.addSql(
      `create table "outbox_events" ("id" bigserial primary key, "account_id" bigint not null, "event_id" uuid not null, "event_type" text not null, "subject_key" text null, "payload" jsonb not null, "occurred_at" timestamptz(3) not null, "relayed_at" timestamptz(3) null);`,
    );
    this.addSql(`alter table "outbox_events" add constraint "outbox_events_event_id_unique" unique ("event_id");`);
    this.addSql(`create index "outbox_events_unrelayed_idx" on "outbox_events" ("id") where "relayed_at" is null;`);

    this.addSql(
      `create table "profile_databases" ("id" bigserial primary key, "account_id" bigint not null, "name" text not null, "created_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "profile_databases" add constraint "profile_databases_account_id_name_unique" unique ("account_id", "name");`,
    );

    this.addSql(
      `create table "profiles" ("id" text not null, "account_id" bigint not null, "database_id" bigint not null, "email" text null, "phone" text null, "custom_fields" jsonb not null, "erased_at" timestamptz(3) null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, constraint "profiles_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "profiles_custom_fields_idx" on "profiles" using gin ("custom_fields" jsonb_path_ops);`);
    this.addSql(
      `alter table "profiles" add constraint "profiles_database_id_phone_unique" unique ("database_id", "phone");`,
    );
    this.addSql(
      `alter table "profiles" add constraint "profiles_database_id_email_unique" unique ("database_id", "email");`,
    );

    this.addSql(
      `alter table "api_tokens" add constraint "api_tokens_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "audit_entries" add constraint "audit_entries_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "outbox_events" add constraint "outbox_events_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "profile_databases" add constraint "profile_databases_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "profiles" add constraint "profiles_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "profiles" add constraint "profiles_database_id_foreign" foreign key ("database_id") references "profile_databases" ("id") on update cascade on delete cascade;`,
    );
  }
}
