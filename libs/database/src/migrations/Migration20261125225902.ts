import { Migration } from '@mikro-orm/migrations';

export class Migration20261125225902 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "loyalty_programs" add column "config_version" bigint not null default 0;`);

    // Every change of a program's configuration moves its config_version, so that caches of
    // programs, currencies and promotions in each process know when they are stale.
    this.addSql(`create function bump_config_version_of_program() returns trigger language plpgsql as $$
      begin
        update loyalty_programs set config_version = config_version + 1
         where id = (case when tg_op = 'DELETE' then old.program_id else new.program_id end);
        return null;
      end $$;`);
    this.addSql(`create function bump_config_version_via_tier_group() returns trigger language plpgsql as $$
      begin
        update loyalty_programs set config_version = config_version + 1
         where id = (select program_id from tier_groups
                      where id = (case when tg_op = 'DELETE' then old.group_id else new.group_id end));
        return null;
      end $$;`);
    this.addSql(`create function bump_own_config_version() returns trigger language plpgsql as $$
      begin
        if new.config_version = old.config_version then
          new.config_version := old.config_version + 1;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger points_currencies_config_version after insert or update or delete on points_currencies
      for each row execute function bump_config_version_of_program();`);
    this.addSql(`create trigger tier_groups_config_version after insert or update or delete on tier_groups
      for each row execute function bump_config_version_of_program();`);
    this.addSql(`create trigger tiers_config_version after insert or update or delete on tiers
      for each row execute function bump_config_version_via_tier_group();`);
    // Use counters (uses_count, budget_used) change with every use and are not configuration.
    this.addSql(`create trigger promotions_config_version
      after insert or delete or update of type, external_id, name, description, start_date, end_date, is_active, priority,
        stacking, conditions, limit_per_member, limit_per_member_period, limit_total_uses, limit_budget,
        promo_code_program_id, return_policy, rules
      on promotions for each row execute function bump_config_version_of_program();`);
    this.addSql(`create trigger loyalty_programs_config_version before update on loyalty_programs
      for each row execute function bump_own_config_version();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger loyalty_programs_config_version on loyalty_programs;');
    this.addSql('drop trigger promotions_config_version on promotions;');
    this.addSql('drop trigger tiers_config_version on tiers;');
    this.addSql('drop trigger tier_groups_config_version on tier_groups;');
    this.addSql('drop trigger points_currencies_config_version on points_currencies;');
    this.addSql('drop function bump_own_config_version();');
    this.addSql('drop function bump_config_version_via_tier_group();');
    this.addSql('drop function bump_config_version_of_program();');
    this.addSql(`alter table "loyalty_programs" drop column "config_version";`);
  }
}
