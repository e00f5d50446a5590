import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type Redis from 'ioredis';
import { ApiToken } from '../accounts/api-token.entity';
import { hashSecret, secretsEqual } from '../accounts/token-secret';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { REDIS } from '../redis/redis.module';
import type { Caller } from '../tenancy/account-context';

export type Authenticated = { kind: 'root' } | { kind: 'token'; caller: Caller };

/** How long a looked-up token is trusted without asking the database again. */
const CACHE_TTL_MS = 30_000;
const CACHE_MAX_ENTRIES = 10_000;

/**
 * Turns a bearer secret into a caller: the root key, an account's live token, or nobody.
 *
 * Live tokens are cached in process for 30 s, since every request needs one. A revocation leaves
 * a marker in Redis and is announced on a channel, so every API process forgets the token at once
 * and does not re-learn it from a database row whose revocation has not committed yet. Should Redis
 * be down, the TTL still bounds how long a revoked token keeps working.
 */
@Injectable()
export class TokenAuthenticator implements OnModuleInit, OnApplicationShutdown {
  private readonly cache = new Map<string, { caller: Caller; until: number }>();
  /** Lookups in flight, so a burst of requests with a new token asks the database once. */
  private readonly lookups = new Map<string, Promise<Caller | null>>();
  private subscriber: Redis | null = null;

  constructor(
    private readonly orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  private get channel(): string {
    return `${this.config.redisPrefix}:token-revoked`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true });
    this.subscriber.on('message', (_channel: string, secretHash: string) => this.cache.delete(secretHash));
    await this.subscriber.subscribe(this.channel);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
  }

  async authenticate(secret: string): Promise<Authenticated | null> {
    if (secretsEqual(secret, this.config.rootApiKey)) return { kind: 'root' };
    const secretHash = hashSecret(secret);
    const cached = this.cache.get(secretHash);
    if (cached && cached.until > Date.now()) return { kind: 'token', caller: cached.caller };
    let lookup = this.lookups.get(secretHash);
    if (!lookup) {
      lookup = this.lookUp(secretHash).finally(() => this.lookups.delete(secretHash));
      this.lookups.set(secretHash, lookup);
    }
    const caller = await lookup;
    return caller ? { kind: 'token', caller } : null;
  }

  private async lookUp(secretHash: string): Promise<Caller | null> {
    const [token, revoked] = await Promise.all([
      this.orm.em.fork().findOne(ApiToken, { secretHash, revokedAt: null }, { filters: false }),
      this.redis.exists(this.revokedKey(secretHash)).catch(() => 0),
    ]);
    if (!token || revoked) return null;
    const caller: Caller = { accountId: token.account, tokenId: token.id, role: token.role };
    this.remember(secretHash, caller);
    return caller;
  }

  /** Makes every API process stop trusting the token at once (called when a token is revoked). */
  async forget(secretHash: string): Promise<void> {
    this.cache.delete(secretHash);
    await this.redis
      .multi()
      .set(this.revokedKey(secretHash), '1', 'PX', CACHE_TTL_MS * 2)
      .publish(this.channel, secretHash)
      .exec()
      .catch(() => undefined);
  }

  private revokedKey(secretHash: string): string {
    return `${this.config.redisPrefix}:revoked:${secretHash}`;
  }

  private remember(secretHash: string, caller: Caller): void {
    this.cache.delete(secretHash);
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(secretHash, { caller, until: Date.now() + CACHE_TTL_MS });
  }
}
