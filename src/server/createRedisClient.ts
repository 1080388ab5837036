/**
 * The one Redis connection of an instance whose state is on Redis (state storage, rate limiters and the
 * built-in Direct Line share it). ioredis is loaded only when a client is created, so instances without
 * Redis never load it.
 */
import type { Redis } from 'ioredis';
import type { AppConfig } from './config';
import { describeError, type Logger } from './logger';

/**
 * A Redis client that fails a command after a couple of retries instead of queueing it forever (a turn
 * should fail fast and apologise when Redis is down) and logs connection errors without their URL.
 */
async function createRedisClient(url: string, logger?: Logger): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { maxRetriesPerRequest: 2, connectTimeout: 5000, enableAutoPipelining: true });
  client.on('error', (error: unknown) => logger?.warn('storage.redisError', describeError(error)));
  return client;
}

/** Closes a client politely (QUIT), or drops the connection when Redis does not answer. */
export async function closeRedisClient(client: Redis): Promise<void> {
  if (client.status !== 'end') await client.quit().catch(() => client.disconnect());
}

/** The client of an instance whose state is on Redis (`STATE_STORAGE=redis` with `REDIS_URL`); undefined otherwise. */
export async function createStateRedisClient(state: AppConfig['state'], logger: Logger): Promise<Redis | undefined> {
  return state.storage === 'redis' && state.redisUrl ? createRedisClient(state.redisUrl, logger) : undefined;
}
