import { Migration } from '@mikro-orm/migrations';

export class Migration20261126070100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "action_hooks" ("id" bigserial primary key, "account_id" bigint not null, "url" text not null, "events" jsonb not null, "secret" text not null, "created_at" timestamptz(3) not null, "deleted_at" timestamptz(3) null);`,
    );

    this.addSql(
      `create table "hook_deliveries" ("id" bigserial primary key, "account_id" bigint not null, "hook_id" bigint not null, "event_id" uuid not null, "event_type" text not null, "sequence" bigint not null, "body" text not null, "status" text not null, "attempts" int not null, "next_attempt_at" timestamptz(3) not null, "first_attempt_at" timestamptz(3) null, "last_attempt_at" timestamptz(3) null, "claimed_at" timestamptz(3) null, "last_response_code" int null, "last_error" text null, "delivered_at" timestamptz(3) null, "created_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `create index "hook_deliveries_open_idx" on "hook_deliveries" ("next_attempt_at") where "status" in ('pending', 'sending');`,
    );
    this.addSql(`create index "hook_deliveries_hook_id_id_index" on "hook_deliveries" ("hook_id", "id");`);
    this.addSql(
      `alter table "hook_deliveries" add constraint "hook_deliveries_hook_id_event_id_unique" unique ("hook_id", "event_id");`,
    );

    this.addSql(
      `create table "hook_sequences" ("account_id" bigint not null, "subject_key" text not null, "last_sequence" bigint not null, constraint "hook_sequences_pkey" primary key ("account_id", "subject_key"));`,
    );

    this.addSql(
      `alter table "action_hooks" add constraint "action_hooks_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "hook_deliveries" add constraint "hook_deliveries_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "hook_deliveries" add constraint "hook_deliveries_hook_id_foreign" foreign key ("hook_id") references "action_hooks" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "hook_sequences" add constraint "hook_sequences_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "hook_deliveries" drop constraint "hook_deliveries_hook_id_foreign";`);

    this.addSql(`drop table if exists "action_hooks" cascade;`);

    this.addSql(`drop table if exists "hook_deliveries" cascade;`);

    this.addSql(`drop table if exists "hook_sequences" cascade;`);
  }
}
