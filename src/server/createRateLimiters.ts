/**
 * The server's rate limiters from the configuration: on Redis when state is on Redis (so every
 * instance shares the counts), else in memory; a limit of 0 turns a limiter off.
 */
import type { Redis } from 'ioredis';
import type { AppConfig } from './config';
import { memoryLimiter, type ServerRateLimiters } from './createServer';
import { createRedisRateLimiter, unlimited, type RateLimiter } from './rateLimiter';

/** Creates the per-conversation, per-client and token limiters; `redis` when state is on Redis. */
export function createRateLimiters(security: AppConfig['security'], redis: Redis | undefined): ServerRateLimiters {
  const limiter = (perMinute: number, scope: string): RateLimiter => {
    if (perMinute <= 0) return unlimited;
    return redis ? createRedisRateLimiter({ client: redis, perMinute, keyPrefix: `spine-assistant:ratelimit:${scope}:` }) : memoryLimiter(perMinute);
  };
  return {
    conversation: limiter(security.conversationPerMinute, 'conversation'),
    client: limiter(security.clientPerMinute, 'client'),
    token: limiter(security.tokenPerMinute, 'token'),
  };
}
