import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { loadServerUrls } from '@loyalty/platform';

export const TEST_REDIS_URL = loadServerUrls().redisUrl;

/** A Redis key prefix of its own for one test file, so BullMQ queues and counters never collide. */
export function uniqueRedisPrefix(label = 'test'): string {
  return `t-${label.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 20)}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under the prefix. */
export async function deleteRedisPrefix(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
