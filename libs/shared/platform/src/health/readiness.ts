import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';

export interface Readiness {
  ready: boolean;
  checks: { database: boolean; redis: boolean; migrations: boolean };
}

/** Database reachable, Redis reachable, and no migration pending. */
@Injectable()
export class ReadinessProbe {
  private migrationsApplied = false;

  constructor(
    private readonly orm: MikroORM,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(): Promise<Readiness> {
    const [database, redis] = await Promise.all([this.databaseUp(), this.redisUp()]);
    const migrations = database && (await this.noPendingMigrations());
    return { ready: database && redis && migrations, checks: { database, redis, migrations } };
  }

  private async databaseUp(): Promise<boolean> {
    try {
      await this.orm.em.fork().getConnection().execute('select 1');
      return true;
    } catch {
      return false;
    }
  }

  private async redisUp(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  private async noPendingMigrations(): Promise<boolean> {
    if (this.migrationsApplied) return true;
    try {
      this.migrationsApplied = (await this.orm.getMigrator().getPendingMigrations()).length === 0;
    } catch {
      return false;
    }
    return this.migrationsApplied;
  }
}
