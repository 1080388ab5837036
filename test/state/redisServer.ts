/**
 * The tests' Redis: the throw-away redis-server test/globalSetup.ts starts for the run (or a Redis of
 * your own at `TEST_REDIS_URL`). Every test gets its own key prefix, so tests sharing the server never
 * see each other's keys.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedisStateStorage } from '../../src/infra/storage/redisStateStorage';
import type { StateStorage } from '../../src/infra/storage/stateStorage';

/** A Redis server the tests may use. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  /** A new client (the caller closes it). */
  client(): Redis;
  /** A key prefix no other test uses. */
  uniquePrefix(): string;
  /**
   * A state storage under `keyPrefix` (several instances sharing one Redis pass the same prefix), over its
   * own new client, which closing the storage closes, or over `options.client`, which it leaves open.
   */
  stateStorage(keyPrefix: string, options?: { retentionMs?: number; client?: Redis }): StateStorage;
}

/** The run's test Redis. Throws when `TEST_REDIS_URL` is not set (the global setup sets it). */
export function testRedis(): TestRedis {
  const url = process.env['TEST_REDIS_URL'];
  if (!url) throw new Error('TEST_REDIS_URL is not set: run the tests with vitest (test/globalSetup.ts starts a Redis)');
  return {
    url,
    client: () => new Redis(url, { maxRetriesPerRequest: 1 }),
    uniquePrefix: () => `test:${randomUUID()}:`,
    stateStorage: (keyPrefix, options = {}) =>
      createRedisStateStorage({
        client: options.client ?? new Redis(url, { maxRetriesPerRequest: 1 }),
        keyPrefix,
        ownsClient: options.client === undefined,
        ...(options.retentionMs !== undefined ? { retentionMs: options.retentionMs } : {}),
      }),
  };
}
