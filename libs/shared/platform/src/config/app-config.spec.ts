import { AppConfig, ConfigError, parseConfig } from './app-config';

const SECRETS = { ROOT_API_KEY: 'root-key-0123456789', QUOTE_SECRET: 'quote-secret-0123456789' };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('parseConfig', () => {
  it('fills in every default when only the secrets are set', () => {
    expect(parseConfig(SECRETS)).toEqual<AppConfig>({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/loyalty',
      dbPoolMax: 10,
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: 'loyalty',
      rootApiKey: 'root-key-0123456789',
      quoteSecret: 'quote-secret-0123456789',
      port: 3000,
      workerPort: 3001,
      dbMigrate: 'auto',
      logLevel: 'info',
      rateLimitPerMinute: 60000,
      lockWaitMs: 5000,
      allowPrivateUrls: false,
      testClock: false,
      sweepIntervalMs: 60000,
      outboxPollMs: 500,
      ledgerCheckIntervalMs: 600000,
    });
  });

  it('treats blank variables as unset', () => {
    const config = parseConfig({ ...SECRETS, PORT: '', LOG_LEVEL: '   ', DATABASE_URL: '' });
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/loyalty');
  });

  it('reads every variable that is set', () => {
    const config = parseConfig({
      ...SECRETS,
      DATABASE_URL: 'postgresql://app:pw@db:5433/prod',
      DB_POOL_MAX: '25',
      REDIS_URL: 'rediss://cache:6380',
      REDIS_PREFIX: 'test_7-a',
      PORT: ' 8080 ',
      WORKER_PORT: '8081',
      DB_MIGRATE: 'off',
      LOG_LEVEL: 'debug',
      RATE_LIMIT_PER_MINUTE: '120',
      LOCK_WAIT_MS: '250',
      ALLOW_PRIVATE_URLS: 'true',
      TEST_CLOCK: '1',
      SWEEP_INTERVAL_MS: '1000',
      OUTBOX_POLL_MS: '50',
      LEDGER_CHECK_INTERVAL_MS: '0',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgresql://app:pw@db:5433/prod',
      dbPoolMax: 25,
      redisUrl: 'rediss://cache:6380',
      redisPrefix: 'test_7-a',
      port: 8080,
      workerPort: 8081,
      dbMigrate: 'off',
      logLevel: 'debug',
      rateLimitPerMinute: 120,
      lockWaitMs: 250,
      allowPrivateUrls: true,
      testClock: true,
      sweepIntervalMs: 1000,
      outboxPollMs: 50,
      ledgerCheckIntervalMs: 0,
    });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads the boolean %p as %p', (text, value) => {
    expect(parseConfig({ ...SECRETS, ALLOW_PRIVATE_URLS: text }).allowPrivateUrls).toBe(value);
  });

  it('requires both secrets', () => {
    expect(problemsOf({})).toEqual([
      'ROOT_API_KEY: is required (at least 16 characters)',
      'QUOTE_SECRET: is required (at least 16 characters)',
    ]);
  });

  it('requires secrets of at least 16 characters', () => {
    expect(problemsOf({ ROOT_API_KEY: '0123456789abcde', QUOTE_SECRET: '0123456789abcdef' })).toEqual([
      'ROOT_API_KEY: must be at least 16 characters long',
    ]);
  });

  it('reports every bad variable at once, each naming its variable', () => {
    let caught: unknown;
    try {
      parseConfig({ QUOTE_SECRET: SECRETS.QUOTE_SECRET, PORT: '70000', DB_MIGRATE: 'sometimes' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toEqual([
      'ROOT_API_KEY: is required (at least 16 characters)',
      'PORT: must be a whole number from 1 to 65535, got "70000"',
      'DB_MIGRATE: must be one of auto, off, got "sometimes"',
    ]);
    expect(error.message).toBe(
      'Invalid configuration:\n' +
        '  - ROOT_API_KEY: is required (at least 16 characters)\n' +
        '  - PORT: must be a whole number from 1 to 65535, got "70000"\n' +
        '  - DB_MIGRATE: must be one of auto, off, got "sometimes"',
    );
  });

  it.each([
    ['PORT', '0'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['PORT', 'eighty'],
    ['WORKER_PORT', '65536'],
    ['DB_POOL_MAX', '501'],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['LOCK_WAIT_MS', '600001'],
    ['SWEEP_INTERVAL_MS', '99'],
    ['OUTBOX_POLL_MS', '9'],
    ['LEDGER_CHECK_INTERVAL_MS', '-1'],
    ['LEDGER_CHECK_INTERVAL_MS', '86400001'],
  ])('refuses %s=%p', (name, value) => {
    const problems = problemsOf({ ...SECRETS, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: must be a whole number from \\d+ to \\d+, got "${value}"$`));
  });

  it('accepts the bounds of a range', () => {
    expect(parseConfig({ ...SECRETS, PORT: '1', WORKER_PORT: '65535' })).toMatchObject({ port: 1, workerPort: 65535 });
  });

  it('refuses unknown log levels and booleans', () => {
    expect(problemsOf({ ...SECRETS, LOG_LEVEL: 'verbose', ALLOW_PRIVATE_URLS: 'yes' })).toEqual([
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
      'ALLOW_PRIVATE_URLS: must be true or false, got "yes"',
    ]);
  });

  it('refuses a REDIS_URL with the wrong protocol', () => {
    expect(problemsOf({ ...SECRETS, REDIS_URL: 'http://127.0.0.1:6379' })).toEqual([
      'REDIS_URL: must be a URL starting with redis:// or rediss://',
    ]);
  });

  it('refuses a DATABASE_URL with the wrong protocol or no URL at all', () => {
    expect(problemsOf({ ...SECRETS, DATABASE_URL: 'mysql://db/loyalty' })).toEqual([
      'DATABASE_URL: must be a URL starting with postgres:// or postgresql://',
    ]);
    expect(problemsOf({ ...SECRETS, DATABASE_URL: 'not a url' })).toEqual(['DATABASE_URL: is not a valid URL']);
  });

  it('refuses a REDIS_PREFIX with other characters', () => {
    expect(problemsOf({ ...SECRETS, REDIS_PREFIX: 'a:b' })).toEqual([
      'REDIS_PREFIX: must be 1-64 letters, digits, _ or -',
    ]);
    expect(problemsOf({ ...SECRETS, REDIS_PREFIX: 'x'.repeat(65) })).toHaveLength(1);
  });

  it('refuses TEST_CLOCK in production', () => {
    expect(problemsOf({ ...SECRETS, TEST_CLOCK: 'true', NODE_ENV: 'production' })).toEqual([
      'TEST_CLOCK: must not be true when NODE_ENV is production',
    ]);
  });

  it('allows TEST_CLOCK outside production', () => {
    expect(parseConfig({ ...SECRETS, TEST_CLOCK: 'true', NODE_ENV: 'test' }).testClock).toBe(true);
    expect(parseConfig({ ...SECRETS, TEST_CLOCK: 'false', NODE_ENV: 'production' }).testClock).toBe(false);
  });
});
