import { Migration } from '@mikro-orm/migrations';

export class Migration20261126071945 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "scenarios" ("id" bigserial primary key, "account_id" bigint not null, "name" text not null, "trigger_event" text not null, "nodes" jsonb not null, "edges" jsonb not null, "version" int not null, "is_active" boolean not null, "webhook_secret" text not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `create index "scenarios_account_id_trigger_event_is_active_index" on "scenarios" ("account_id", "trigger_event", "is_active");`,
    );

    this.addSql(
      `create table "scenario_events" ("id" bigserial primary key, "account_id" bigint not null, "event_id" text not null, "event_name" text not null, "source" text not null, "person" jsonb null, "payload" jsonb not null, "fingerprint" text null, "occurred_at" timestamptz(3) not null, "created_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "scenario_events" add constraint "scenario_events_account_id_event_id_unique" unique ("account_id", "event_id");`,
    );

    this.addSql(
      `create table "scenario_versions" ("id" bigserial primary key, "scenario_id" bigint not null, "version" int not null, "account_id" bigint not null, "nodes" jsonb not null, "edges" jsonb not null, "created_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "scenario_versions" add constraint "scenario_versions_scenario_id_version_unique" unique ("scenario_id", "version");`,
    );

    this.addSql(
      `create table "scenario_runs" ("id" bigserial primary key, "account_id" bigint not null, "scenario_id" bigint not null, "version_id" bigint not null, "event_id" bigint not null, "status" text not null, "next_node" text null, "next_step" int not null, "wake_at" timestamptz(3) null, "person" jsonb null, "profile_id" text null, "outputs" jsonb not null, "error" text null, "started_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "finished_at" timestamptz(3) null);`,
    );
    this.addSql(`create index "scenario_runs_waiting_idx" on "scenario_runs" ("wake_at") where "status" = 'waiting';`);
    this.addSql(
      `create index "scenario_runs_running_idx" on "scenario_runs" ("updated_at") where "status" = 'running';`,
    );
    this.addSql(`create index "scenario_runs_event_id_index" on "scenario_runs" ("event_id");`);

    this.addSql(
      `create table "scenario_run_steps" ("run_id" bigint not null, "step" int not null, "node_id" text not null, "code" text not null, "output" text not null, "data" jsonb null, "started_at" timestamptz(3) not null, "finished_at" timestamptz(3) null, constraint "scenario_run_steps_pkey" primary key ("run_id", "step"));`,
    );

    this.addSql(
      `alter table "scenarios" add constraint "scenarios_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "scenario_events" add constraint "scenario_events_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "scenario_versions" add constraint "scenario_versions_scenario_id_foreign" foreign key ("scenario_id") references "scenarios" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "scenario_versions" add constraint "scenario_versions_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "scenario_runs" add constraint "scenario_runs_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "scenario_runs" add constraint "scenario_runs_scenario_id_foreign" foreign key ("scenario_id") references "scenarios" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "scenario_runs" add constraint "scenario_runs_version_id_foreign" foreign key ("version_id") references "scenario_versions" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "scenario_runs" add constraint "scenario_runs_event_id_foreign" foreign key ("event_id") references "scenario_events" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "scenario_run_steps" add constraint "scenario_run_steps_run_id_foreign" foreign key ("run_id") references "scenario_runs" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "outbox_events" add column "starts_scenarios" boolean not null default true;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "scenario_versions" drop constraint "scenario_versions_scenario_id_foreign";`);

    this.addSql(`alter table "scenario_runs" drop constraint "scenario_runs_scenario_id_foreign";`);

    this.addSql(`alter table "scenario_runs" drop constraint "scenario_runs_event_id_foreign";`);

    this.addSql(`alter table "scenario_runs" drop constraint "scenario_runs_version_id_foreign";`);

    this.addSql(`alter table "scenario_run_steps" drop constraint "scenario_run_steps_run_id_foreign";`);

    this.addSql(`drop table if exists "scenarios" cascade;`);

    this.addSql(`drop table if exists "scenario_events" cascade;`);

    this.addSql(`drop table if exists "scenario_versions" cascade;`);

    this.addSql(`drop table if exists "scenario_runs" cascade;`);

    this.addSql(`drop table if exists "scenario_run_steps" cascade;`);

    this.addSql(`alter table "outbox_events" drop column "starts_scenarios";`);
  }
}
