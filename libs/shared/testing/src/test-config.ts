import { AppConfig, parseConfig } from '@loyalty/platform';
import { TEST_REDIS_URL } from './test-redis';

export const TEST_ROOT_KEY = 'test-root-key-0123456789';

/** A valid configuration pointing at a test database and Redis prefix. */
export function testConfig(databaseUrl: string, redisPrefix: string, env: Record<string, string> = {}): AppConfig {
  return parseConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    ROOT_API_KEY: TEST_ROOT_KEY,
    QUOTE_SECRET: 'test-quote-secret-0123456789',
    LOG_LEVEL: 'silent',
    ...env,
  });
}
