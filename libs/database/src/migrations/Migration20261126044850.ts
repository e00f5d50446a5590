import { Migration } from '@mikro-orm/migrations';

export class Migration20261126044850 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "expiry_notices" ("points_account_id" bigint not null, "expiry_date" text not null, "notice_days" int not null, "account_id" bigint not null, "amount" bigint not null, "sent_at" timestamptz(3) not null, constraint "expiry_notices_pkey" primary key ("points_account_id", "expiry_date", "notice_days"));`,
    );

    this.addSql(
      `create table "expiry_notice_runs" ("program_id" bigint not null, "local_date" text not null, "account_id" bigint not null, "notices" int not null, "ran_at" timestamptz(3) not null, constraint "expiry_notice_runs_pkey" primary key ("program_id", "local_date"));`,
    );

    this.addSql(
      `alter table "expiry_notices" add constraint "expiry_notices_points_account_id_foreign" foreign key ("points_account_id") references "points_accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "expiry_notices" add constraint "expiry_notices_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "expiry_notice_runs" add constraint "expiry_notice_runs_program_id_foreign" foreign key ("program_id") references "loyalty_programs" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "expiry_notice_runs" add constraint "expiry_notice_runs_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "expiry_notices" cascade;`);

    this.addSql(`drop table if exists "expiry_notice_runs" cascade;`);
  }
}
