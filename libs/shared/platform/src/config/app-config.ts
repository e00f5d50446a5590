/** Everything the processes read from the environment, validated once at start (spec/api.md §13). */
export interface AppConfig {
  databaseUrl: string;
  /** Connections each process keeps in its PostgreSQL pool. */
  dbPoolMax: number;
  redisUrl: string;
  /** Prefix of every Redis key and BullMQ queue, so several deployments or test files share one Redis. */
  redisPrefix: string;
  rootApiKey: string;
  quoteSecret: string;
  port: number;
  workerPort: number;
  dbMigrate: 'auto' | 'off';
  logLevel: LogLevel;
  rateLimitPerMinute: number;
  lockWaitMs: number;
  allowPrivateUrls: boolean;
  testClock: boolean;
  /** How often the worker's sweep looks for due work the queue lost. */
  sweepIntervalMs: number;
  /** How often the worker's outbox relay polls for new events. */
  outboxPollMs: number;
  /** How often the worker checks the ledger's invariants for its metrics; 0 turns the check off. */
  ledgerCheckIntervalMs: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and checks the environment; throws one ConfigError listing every bad variable. */
export function parseConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const config: AppConfig = {
    databaseUrl: read.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/loyalty', ['postgres:', 'postgresql:']),
    dbPoolMax: read.integer('DB_POOL_MAX', 10, 1, 500),
    redisUrl: read.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisPrefix: read.pattern('REDIS_PREFIX', 'loyalty', /^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ or -'),
    rootApiKey: read.secret('ROOT_API_KEY'),
    quoteSecret: read.secret('QUOTE_SECRET'),
    port: read.integer('PORT', 3000, 1, 65535),
    workerPort: read.integer('WORKER_PORT', 3001, 1, 65535),
    dbMigrate: read.oneOf('DB_MIGRATE', 'auto', ['auto', 'off'] as const),
    logLevel: read.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    rateLimitPerMinute: read.integer('RATE_LIMIT_PER_MINUTE', 60_000, 1, 100_000_000),
    lockWaitMs: read.integer('LOCK_WAIT_MS', 5_000, 1, 600_000),
    allowPrivateUrls: read.boolean('ALLOW_PRIVATE_URLS', false),
    testClock: read.boolean('TEST_CLOCK', false),
    sweepIntervalMs: read.integer('SWEEP_INTERVAL_MS', 60_000, 100, 3_600_000),
    outboxPollMs: read.integer('OUTBOX_POLL_MS', 500, 10, 60_000),
    ledgerCheckIntervalMs: read.integer('LEDGER_CHECK_INTERVAL_MS', 600_000, 0, 86_400_000),
  };
  if (config.testClock && env['NODE_ENV'] === 'production') {
    problems.push('TEST_CLOCK: must not be true when NODE_ENV is production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  private fail<T>(name: string, message: string, fallback: T): T {
    this.problems.push(`${name}: ${message}`);
    return fallback;
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const value = this.raw(name) ?? fallback;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        return this.fail(
          name,
          `must be a URL starting with ${protocols.map((protocol) => `${protocol}//`).join(' or ')}`,
          fallback,
        );
      }
      return value;
    } catch {
      return this.fail(name, 'is not a valid URL', fallback);
    }
  }

  secret(name: string): string {
    const value = this.raw(name);
    if (value === undefined) return this.fail(name, 'is required (at least 16 characters)', '');
    if (value.length < 16) return this.fail(name, 'must be at least 16 characters long', '');
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      return this.fail(name, `must be a whole number from ${min} to ${max}, got "${value}"`, fallback);
    }
    return Number(value);
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    return this.fail(name, `must be true or false, got "${value}"`, fallback);
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!allowed.includes(value as T)) {
      return this.fail(name, `must be one of ${allowed.join(', ')}, got "${value}"`, fallback);
    }
    return value as T;
  }

  pattern(name: string, fallback: string, pattern: RegExp, description: string): string {
    const value = this.raw(name) ?? fallback;
    if (!pattern.test(value)) return this.fail(name, `must be 1-64 ${description}`, fallback);
    return value;
  }
}
