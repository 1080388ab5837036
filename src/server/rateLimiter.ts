/**
 * Rate limits as token buckets: `perMinute` requests a minute on average, bursts up to `burst`. A refused
 * request learns how many seconds to wait (`Retry-After`). In memory (one instance; bounded number of
 * keys, least recently used dropped first) or on Redis (shared by every instance; one Lua script per
 * request, Redis's clock).
 */
import type { Redis } from 'ioredis';

/** The answer for one request. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until a request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

/** Takes one token for `key`. */
export interface RateLimiter {
  take(key: string): Promise<RateLimitDecision>;
}

/** A limit. */
export interface RateLimitPolicy {
  /** Sustained requests per minute, > 0. */
  perMinute: number;
  /** Most requests at once after a quiet time, ≥ 1. Default: `perMinute`. */
  burst?: number;
}

/** Options of {@link createMemoryRateLimiter}. */
export interface MemoryRateLimiterOptions extends RateLimitPolicy {
  /** Most keys tracked; the least recently used is dropped beyond this. Default 10000. */
  maxKeys?: number;
  /** Current time in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** Defaults of {@link MemoryRateLimiterOptions}. */
export const defaultMemoryRateLimiterOptions = { maxKeys: 10_000 } as const;

interface Bucket {
  tokens: number;
  at: number;
}

function checkPolicy(policy: RateLimitPolicy): { capacity: number; perMs: number } {
  const capacity = policy.burst ?? policy.perMinute;
  if (!(policy.perMinute > 0) || !(capacity >= 1)) throw new Error('rateLimiter: perMinute must be > 0 and burst ≥ 1');
  return { capacity, perMs: policy.perMinute / 60_000 };
}

/** A limiter in process memory. */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): RateLimiter {
  const { capacity, perMs } = checkPolicy(options);
  const maxKeys = options.maxKeys ?? defaultMemoryRateLimiterOptions.maxKeys;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  return {
    async take(key) {
      const time = now();
      const previous = buckets.get(key);
      buckets.delete(key);
      const tokens = previous ? Math.min(capacity, previous.tokens + (time - previous.at) * perMs) : capacity;
      const allowed = tokens >= 1;
      buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: time });
      while (buckets.size > maxKeys) {
        const oldest = buckets.keys().next();
        if (oldest.done) break;
        buckets.delete(oldest.value);
      }
      return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
    },
  };
}

/** KEYS[1]: the bucket. ARGV: capacity, tokens per ms. Returns { allowed (0/1), retry after in ms }. */
const tokenBucketScript = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or capacity
local at = tonumber(bucket[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
return { allowed, retry }
`;

/** Options of {@link createRedisRateLimiter}. */
export interface RedisRateLimiterOptions extends RateLimitPolicy {
  client: Redis;
  /** Prefix of the bucket keys, e.g. `spine-assistant:ratelimit:conversation:`. */
  keyPrefix: string;
}

/** A limiter shared by every instance on one Redis. */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const { capacity, perMs } = checkPolicy(options);
  return {
    async take(key) {
      const result: unknown = await options.client.eval(tokenBucketScript, 1, `${options.keyPrefix}${key}`, String(capacity), String(perMs));
      const [allowed, retryMs] = Array.isArray(result) ? result.map(Number) : [1, 0];
      return { allowed: allowed === 1, retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil((retryMs ?? 1000) / 1000)) };
    },
  };
}

/** A limiter that allows everything (a limit of 0 in the configuration). */
export const unlimited: RateLimiter = { take: async () => ({ allowed: true, retryAfterSeconds: 0 }) };
