import type Redis from 'ioredis';
import type { Clock } from '@loyalty/kernel';

/**
 * The clock of a TEST_CLOCK=true deployment: real time until `POST /test/clock` fixes an instant.
 * The instant is kept in Redis and announced on a channel, so the API processes and the workers
 * all see the same "now".
 */
export class SharedTestClock implements Clock {
  private fixed: Date | null = null;
  private subscriber: Redis | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private get key(): string {
    return `${this.prefix}:test-clock`;
  }

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  async start(): Promise<void> {
    this.apply(await this.redis.get(this.key));
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true });
    this.subscriber.on('message', (_channel: string, message: string) => this.apply(message));
    await this.subscriber.subscribe(this.key);
  }

  async stop(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
  }

  /** Fixes the clock at `instant` for every process, or returns it to real time with null. */
  async set(instant: Date | null): Promise<void> {
    const value = instant ? instant.toISOString() : '';
    this.apply(value);
    if (instant) await this.redis.set(this.key, value);
    else await this.redis.del(this.key);
    await this.redis.publish(this.key, value);
  }

  private apply(value: string | null): void {
    this.fixed = value ? new Date(value) : null;
  }
}
