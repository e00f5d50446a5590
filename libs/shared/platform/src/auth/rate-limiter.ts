import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { DomainError } from '@loyalty/kernel';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { LOGGER } from '../logging/logging.module';
import { REDIS } from '../redis/redis.module';

const WINDOW_MS = 60_000;

/**
 * Per-token fixed one-minute windows counted in Redis, so every API process shares the budget.
 * Windows follow the wall clock, not a test clock. If Redis cannot answer, requests pass (readiness reports Redis down) rather than the API stopping.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async consume(subject: string): Promise<void> {
    const now = Date.now();
    const window = Math.floor(now / WINDOW_MS);
    const key = `${this.config.redisPrefix}:rate:${subject}:${window}`;
    let count: number;
    try {
      const results = await this.redis
        .multi()
        .incr(key)
        .pexpire(key, WINDOW_MS * 2)
        .exec();
      count = Number(results?.[0]?.[1] ?? 0);
    } catch (error) {
      this.logger.warn({ err: error }, 'rate limiter unavailable; request allowed');
      return;
    }
    if (count > this.config.rateLimitPerMinute) {
      const retryAfter = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
      throw new DomainError('RATE_LIMITED', `More than ${this.config.rateLimitPerMinute} requests a minute`, {
        retry_after_seconds: retryAfter,
      });
    }
  }
}
