import { Migration } from '@mikro-orm/migrations';

export class Migration20261126021532 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "promo_code_programs" ("id" bigserial primary key, "account_id" bigint not null, "name" text not null, "short_name" text not null, "kind" text not null, "multi_use" boolean not null, "valid_from" timestamptz(3) null, "valid_to" timestamptz(3) null, "max_uses_per_code" int null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `alter table "promo_code_programs" add constraint "promo_code_programs_account_id_short_name_unique" unique ("account_id", "short_name");`,
    );

    this.addSql(
      `create table "promo_codes" ("id" bigserial primary key, "account_id" bigint not null, "program_id" bigint not null, "code" text not null, "database_id" bigint null, "profile_id" text null, "attached_at" timestamptz(3) null, "activated_at" timestamptz(3) null, "uses_count" int not null, "expire_date" timestamptz(3) null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null);`,
    );
    this.addSql(
      `create index "promo_codes_free_idx" on "promo_codes" ("program_id", "id") where "profile_id" is null and "uses_count" = 0;`,
    );
    this.addSql(`create index "promo_codes_program_id_id_index" on "promo_codes" ("program_id", "id");`);
    this.addSql(`create index "promo_codes_account_id_code_index" on "promo_codes" ("account_id", "code");`);
    this.addSql(
      `alter table "promo_codes" add constraint "promo_codes_program_id_code_unique" unique ("program_id", "code");`,
    );

    this.addSql(
      `alter table "promo_code_programs" add constraint "promo_code_programs_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "promo_codes" add constraint "promo_codes_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "promo_codes" add constraint "promo_codes_program_id_foreign" foreign key ("program_id") references "promo_code_programs" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "promo_codes" add constraint "promo_codes_database_id_foreign" foreign key ("database_id") references "profile_databases" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "promo_codes" add constraint "promo_codes_profile_id_foreign" foreign key ("profile_id") references "profiles" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "promo_codes" drop constraint "promo_codes_program_id_foreign";`);

    this.addSql(`drop table if exists "promo_code_programs" cascade;`);

    this.addSql(`drop table if exists "promo_codes" cascade;`);
  }
}
