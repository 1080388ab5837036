/**
 * With state on Redis, the built-in Direct Line keeps its conversations there too, so several instances
 * behind one URL serve the same conversations.
 */
import type { Redis } from 'ioredis';
import type { BuiltInDirectLineConfig } from './directLineConfig';
import type { DirectLineStore } from './directLineStore';
import { createRedisDirectLineStore } from './redisDirectLineStore';

/** The `createStore` of the Direct Line channel on `redis`; undefined without Redis (conversations then stay in memory). */
export function redisDirectLineStores(redis: Redis | undefined): ((config: BuiltInDirectLineConfig) => DirectLineStore) | undefined {
  if (!redis) return undefined;
  return (directLine) =>
    createRedisDirectLineStore({
      client: redis,
      maxConversations: directLine.maxConversations,
      maxActivitiesPerConversation: directLine.maxActivitiesPerConversation,
      idleTimeoutMs: directLine.idleTimeoutSeconds * 1000,
    });
}
