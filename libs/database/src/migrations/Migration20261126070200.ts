import { Migration } from '@mikro-orm/migrations';

export class Migration20261126070200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "report_ledger_buckets" ("program_id" bigint not null, "currency_id" bigint not null, "bucket" timestamptz(3) not null, "type" text not null, "promotion_id" bigint not null, "amount" bigint not null, "n" bigint not null, "uncollected" bigint not null, "partner_funded" bigint not null, constraint "report_ledger_buckets_pkey" primary key ("program_id", "currency_id", "bucket", "type", "promotion_id"));`,
    );

    this.addSql(
      `create table "report_ledger_deltas" ("id" bigserial primary key, "program_id" bigint not null, "points_account_id" bigint not null, "promotion_id" bigint null, "type" text not null, "created_at" timestamptz(3) not null, "amount" bigint not null, "n" smallint not null, "uncollected" bigint not null, "partner_funded" bigint not null);`,
    );

    this.addSql(
      `create table "task_file_chunks" ("task_id" bigint not null, "seq" int not null, "data" bytea not null, constraint "task_file_chunks_pkey" primary key ("task_id", "seq"));`,
    );

    this.addSql(
      `alter table "task_file_chunks" add constraint "task_file_chunks_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `create index "points_transactions_program_created_idx" on "points_transactions" ("program_id", "created_at", "id") include ("points_account_id");`,
    );

    this.addSql(`alter table "tasks" add column "items_processed" int not null default 0;`);

    this.addSql(
      `create table "report_ledger_months" ("program_id" bigint not null, "currency_id" bigint not null, "month" timestamptz(3) not null, "amount" bigint not null, constraint "report_ledger_months_pkey" primary key ("program_id", "currency_id", "month"));`,
    );
    this.addSql(
      `create table "report_activity_state" ("program_id" bigint not null, "timezone" text not null, constraint "report_activity_state_pkey" primary key ("program_id"));`,
    );
    this.addSql(
      `create table "report_member_days" ("program_id" bigint not null, "timezone" text not null, "points_account_id" bigint not null, "year" smallint not null, "currency_id" bigint not null, "days" bit(366) not null, constraint "report_member_days_pkey" primary key ("program_id", "timezone", "points_account_id", "year"));`,
    );

    // Reports (docs/architecture.md, "Exports and reports"): a transaction is counted while its
    // status is posted or cancelled. Triggers append one narrow delta row per transaction that
    // starts or stops being counted; the worker folds them into the buckets.
    this.addSql(
      `create function report_ledger_uncollected(t text, data jsonb) returns bigint language sql immutable as $$
        select case when t = 'adjustment' and jsonb_typeof(data -> 'uncollected') in ('string', 'number')
                         and (data ->> 'uncollected') ~ '^-?[0-9]{1,15}(\\.[0-9]{1,2})?$'
                    then round((data ->> 'uncollected')::numeric * 100)::bigint else 0 end $$;`,
    );
    this.addSql(
      `create function report_ledger_partner_funded(t text, source text, data jsonb) returns bigint language sql immutable as $$
        select case when t = 'accrual' and source = 'order' and jsonb_typeof(data -> 'partner_funded') = 'string'
                         and (data ->> 'partner_funded') ~ '^[0-9]{1,17}$'
                    then (data ->> 'partner_funded')::bigint else 0 end $$;`,
    );
    this.addSql(
      `create function report_ledger_figure(t text, signed_amount bigint, uncollected bigint) returns text language sql immutable as $$
        select case when t = 'cancellation' then case when signed_amount < 0 then 'cancellation_debit' else 'cancellation_credit' end
                    when t = 'adjustment' and uncollected <> 0 then 'uncollected'
                    else t end $$;`,
    );
    this.addSql(
      `create function report_ledger_delta_on_row() returns trigger language plpgsql as $$
      declare k int := case when new.status in ('posted', 'cancelled') then 1 else -1 end;
      begin
        insert into report_ledger_deltas
          (program_id, points_account_id, promotion_id, type, created_at, amount, n, uncollected, partner_funded)
        values (new.program_id, new.points_account_id, new.promotion_id, new.type, new.created_at, k * new.amount, k,
                k * report_ledger_uncollected(new.type, new.external_data),
                k * report_ledger_partner_funded(new.type, new.source_type, new.external_data));
        return null;
      end $$;`,
    );
    this.addSql(
      `create function report_ledger_deltas_on_delete() returns trigger language plpgsql as $$
      begin
        insert into report_ledger_deltas
          (program_id, points_account_id, promotion_id, type, created_at, amount, n, uncollected, partner_funded)
        select r.program_id, r.points_account_id, r.promotion_id, r.type, r.created_at, -r.amount, -1,
               -report_ledger_uncollected(r.type, r.external_data),
               -report_ledger_partner_funded(r.type, r.source_type, r.external_data)
          from report_old_rows r
         where r.status in ('posted', 'cancelled')
           and exists (select 1 from loyalty_programs p where p.id = r.program_id);
        return null;
      end $$;`,
    );
    // Row triggers with WHEN: a single-row ledger write pays one small insert (measured ~15-50 µs),
    // and the per-operation update of request_fingerprint/response fires nothing.
    this.addSql(
      `create trigger report_ledger_deltas_insert after insert on points_transactions for each row
         when (new.status in ('posted', 'cancelled')) execute function report_ledger_delta_on_row();`,
    );
    this.addSql(
      `create trigger report_ledger_deltas_status after update of status on points_transactions for each row
         when ((old.status in ('posted', 'cancelled')) is distinct from (new.status in ('posted', 'cancelled')))
         execute function report_ledger_delta_on_row();`,
    );
    this.addSql(
      `create trigger report_ledger_deltas_delete after delete on points_transactions
         referencing old table as report_old_rows for each statement execute function report_ledger_deltas_on_delete();`,
    );
    this.addSql(`create index "report_ledger_deltas_program_idx" on "report_ledger_deltas" ("program_id");`);
    // Transactions written before this migration go straight into the buckets.
    this.addSql(
      `insert into report_ledger_buckets (program_id, currency_id, bucket, type, promotion_id, amount, n, uncollected, partner_funded)
       select t.program_id, a.currency_id,
              date_bin('15 minutes', t.created_at, timestamptz '2000-01-01T00:00:00Z'), report_ledger_figure(t.type, t.amount, report_ledger_uncollected(t.type, t.external_data)), coalesce(t.promotion_id, 0),
              sum(t.amount), count(*),
              sum(report_ledger_uncollected(t.type, t.external_data)),
              sum(report_ledger_partner_funded(t.type, t.source_type, t.external_data))
         from points_transactions t join points_accounts a on a.id = t.points_account_id
        where t.status in ('posted', 'cancelled')
        group by 1, 2, 3, 4, 5;`,
    );
    this.addSql(
      `insert into report_ledger_months (program_id, currency_id, month, amount)
       select program_id, currency_id, date_trunc('month', bucket, 'UTC'), sum(amount)
         from report_ledger_buckets group by 1, 2, 3;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists report_ledger_deltas_insert on points_transactions;`);
    this.addSql(`drop trigger if exists report_ledger_deltas_status on points_transactions;`);
    this.addSql(`drop trigger if exists report_ledger_deltas_delete on points_transactions;`);
    this.addSql(`drop function if exists report_ledger_delta_on_row();`);
    this.addSql(`drop function if exists report_ledger_deltas_on_delete();`);
    this.addSql(`drop function if exists report_ledger_uncollected(text, jsonb);`);
    this.addSql(`drop function if exists report_ledger_figure(text, bigint, bigint);`);
    this.addSql(`drop function if exists report_ledger_partner_funded(text, text, jsonb);`);
    this.addSql(`drop table if exists "report_ledger_buckets" cascade;`);

    this.addSql(`drop table if exists "report_ledger_deltas" cascade;`);
    this.addSql(`drop table if exists "report_activity_state" cascade;`);
    this.addSql(`drop table if exists "report_ledger_months" cascade;`);
    this.addSql(`drop table if exists "report_member_days" cascade;`);

    this.addSql(`drop table if exists "task_file_chunks" cascade;`);

    this.addSql(`drop index "points_transactions_program_created_idx";`);

    this.addSql(`alter table "tasks" drop column "items_processed";`);
  }
}
