import { Migration } from '@mikro-orm/migrations';

export class Migration20261126005139 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tasks" add column "heartbeat_at" timestamptz(3) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "tasks" drop column "heartbeat_at";`);
  }
}
