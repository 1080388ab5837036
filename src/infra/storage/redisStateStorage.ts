/**
 * {@link StateStorage} on Redis, for several bot instances sharing state. A write is one Lua script
 * (atomic on the server): it checks every item's eTag, then writes them all with their retention as the
 * key's expiry, or changes nothing and reports the conflict. Each key holds `<eTag>\n<JSON>`.
 * Multi-key writes need all keys on one node: use a single Redis (or one shard), not Redis Cluster.
 */
import type { Redis } from 'ioredis';
import { newETag } from './newETag';
import {
  checkRetention,
  reportETag,
  createOnlyETag,
  defaultStateStorageOptions,
  overwriteETag,
  StateConflictError,
  withoutETag,
  writeCondition,
  type StateStorage,
  type StateStorageOptions,
  type StoreItems,
} from './stateStorage';

/** Options of {@link createRedisStateStorage}. */
export interface RedisStateStorageOptions extends Omit<StateStorageOptions, 'now'> {
  /** A connected (or connecting) ioredis client. Closed by the store's `close()` unless `ownsClient` is false. */
  client: Redis;
  /** Prefix of every key. Default `spine-assistant:state:`. */
  keyPrefix?: string;
  /** Whether `close()` quits the client. Default true. */
  ownsClient?: boolean;
}

/** Defaults of the optional {@link RedisStateStorageOptions}. */
export const defaultRedisStateStorageOptions = { keyPrefix: 'spine-assistant:state:', ownsClient: true } as const;

/**
 * KEYS: the items. ARGV[1]: retention in ms, ARGV[2]: the create-only eTag, ARGV[3]: the overwrite eTag,
 * then per key: expected eTag, new eTag, JSON. Returns 0 on success, else the 1-based index of the
 * first conflicting key.
 */
const compareAndSetScript = `
local ttl = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local expected = ARGV[1 + i * 3]
  if expected ~= ARGV[3] then
    local current = redis.call('GET', key)
    local currentETag = current and string.match(current, '^([^\\n]*)')
    if expected == ARGV[2] then
      if current then return i end
    elseif currentETag ~= expected then
      return i
    end
  end
end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[2 + i * 3] .. '\\n' .. ARGV[3 + i * 3], 'PX', ttl)
end
return 0
`;

/** Creates the store on `client`. */
export function createRedisStateStorage(options: RedisStateStorageOptions): StateStorage {
  const retentionMs = checkRetention(options.retentionMs ?? defaultStateStorageOptions.retentionMs, 'redisStateStorage');
  const prefix = options.keyPrefix ?? defaultRedisStateStorageOptions.keyPrefix;
  const ownsClient = options.ownsClient ?? defaultRedisStateStorageOptions.ownsClient;
  const { client } = options;
  const redisKey = (key: string): string => `${prefix}${key}`;

  return {
    kind: 'redis',
    async read(keys) {
      const items: StoreItems = {};
      if (keys.length === 0) return items;
      const values = await client.mget(keys.map(redisKey));
      keys.forEach((key, index) => {
        const value = values[index];
        if (typeof value !== 'string') return;
        const newline = value.indexOf('\n');
        items[key] = { ...(JSON.parse(value.slice(newline + 1)) as Record<string, unknown>), eTag: value.slice(0, newline) };
      });
      return items;
    },
    async write(changes) {
      const keys = Object.keys(changes);
      if (keys.length === 0) return;
      const args: string[] = [String(retentionMs), createOnlyETag, overwriteETag];
      const eTags = keys.map(() => newETag());
      keys.forEach((key, index) => {
        const condition = writeCondition(changes[key]?.eTag);
        const expected = condition.kind === 'overwrite' ? overwriteETag : condition.kind === 'create' ? createOnlyETag : condition.eTag;
        args.push(expected, eTags[index] ?? '', JSON.stringify(withoutETag(changes[key])));
      });
      const result = await client.eval(compareAndSetScript, keys.length, ...keys.map(redisKey), ...args);
      if (result !== 0) throw new StateConflictError('redis');
      keys.forEach((key, index) => reportETag(changes[key], eTags[index] ?? ''));
    },
    async delete(keys) {
      if (keys.length > 0) await client.del(...keys.map(redisKey));
    },
    async addIfAbsent(key, ttlMs) {
      const result = await client.set(redisKey(key), '1', 'PX', Math.max(1, Math.round(ttlMs)), 'NX');
      return result === 'OK';
    },
    async ping() {
      try {
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      if (ownsClient && client.status !== 'end') await client.quit().catch(() => client.disconnect());
    },
  };
}
