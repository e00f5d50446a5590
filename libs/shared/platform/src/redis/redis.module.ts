import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';

/** Injection token of the shared ioredis client (commands fail fast while Redis is down). */
export const REDIS = Symbol('REDIS');

/** A connected client; start-up fails with a clear message if Redis does not answer within 10 s. */
export async function createRedisClient(config: AppConfig): Promise<Redis> {
  const client = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  try {
    await Promise.race([
      client.connect(),
      new Promise((_resolve, reject) => setTimeout(() => reject(new Error('timed out')), 10_000).unref()),
    ]);
  } catch (error) {
    client.disconnect();
    throw new Error(
      `Redis at ${redactUrl(config.redisUrl)} is unreachable (${(error as Error).message}). Start one, e.g. redis-server --daemonize yes`,
    );
  }
  return client;
}

function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

@Global()
@Module({
  providers: [{ provide: REDIS, inject: [APP_CONFIG], useFactory: createRedisClient }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
