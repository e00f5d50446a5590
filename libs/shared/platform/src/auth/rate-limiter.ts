import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { DomainError } from '@loyalty/kernel';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { LOGGER } from '../logging/logging.module';
import { REDIS } from '../redis/redis.module';

const WINDOW_MS = 60_000;
/** How often each process adds its counts to the shared ones in Redis. */
const SYNC_MS = 100;

interface Window {
  index: number;
  /** All processes' count in this window, as of the last sync. */
  shared: number;
  /** This process's calls not yet added to Redis. */
  unsynced: number;
}

/**
 * Per-token fixed one-minute windows. Each process counts locally and adds its counts to the
 * shared counter in Redis every 100 ms, so a request costs no Redis round trip; across processes
 * the limit holds to within what the others did in the last 100 ms. Windows follow the wall clock,
 * not a test clock. If Redis cannot answer, the local counts still limit each process.
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async consume(subject: string): Promise<void> {
    const now = Date.now();
    const index = Math.floor(now / WINDOW_MS);
    let window = this.windows.get(subject);
    if (!window || window.index !== index) {
      window = { index, shared: 0, unsynced: 0 };
      this.windows.set(subject, window);
    }
    window.unsynced += 1;
    this.timer ??= setTimeout(() => void this.sync(), SYNC_MS);
    if (window.shared + window.unsynced > this.config.rateLimitPerMinute) {
      const retryAfter = Math.max(1, Math.ceil(((index + 1) * WINDOW_MS - now) / 1000));
      throw new DomainError('RATE_LIMITED', `More than ${this.config.rateLimitPerMinute} requests a minute`, {
        retry_after_seconds: retryAfter,
      });
    }
  }

  /** Adds the local counts to Redis and learns the shared totals of this minute's windows; forgets finished ones. */
  async sync(): Promise<void> {
    this.timer = null;
    const current = Math.floor(Date.now() / WINDOW_MS);
    const pending = [...this.windows].filter(([subject, window]) => {
      if (window.index < current) this.windows.delete(subject);
      return window.index === current;
    });
    if (pending.length === 0) return;
    const added = pending.map(([, window]) => window.unsynced);
    const batch = this.redis.multi();
    for (const [subject, window] of pending) {
      const key = `${this.config.redisPrefix}:rate:${subject}:${window.index}`;
      batch.incrby(key, window.unsynced).pexpire(key, WINDOW_MS * 2);
    }
    try {
      const results = (await batch.exec()) ?? [];
      pending.forEach(([, window], position) => {
        window.shared = Number(results[position * 2]?.[1] ?? window.shared + added[position]);
        window.unsynced -= added[position];
      });
    } catch (error) {
      this.logger.warn({ err: error }, 'rate limiter could not reach Redis; limiting per process');
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
