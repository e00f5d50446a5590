import { Migration } from '@mikro-orm/migrations';

export class Migration20261126070300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "tier_reviews" ("id" bigserial primary key, "account_id" bigint not null, "group_id" bigint not null, "review_at" timestamptz(3) not null, "period_start" timestamptz(3) not null, "status" text not null, "last_member_id" bigint not null, "members_changed" int not null, "started_at" timestamptz(3) not null, "completed_at" timestamptz(3) null);`,
    );
    this.addSql(
      `alter table "tier_reviews" add constraint "tier_reviews_group_id_review_at_unique" unique ("group_id", "review_at");`,
    );

    this.addSql(
      `alter table "tier_reviews" add constraint "tier_reviews_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "tier_reviews" add constraint "tier_reviews_group_id_foreign" foreign key ("group_id") references "tier_groups" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tier_reviews" cascade;`);
  }
}
