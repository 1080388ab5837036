/**
 * The {@link DirectLineStore} on Redis, so several server instances behind one URL serve the same
 * built-in Direct Line conversations (a browser may poll any instance). Same bounds as the in-memory
 * store: at most `maxConversations` (the least recently active is dropped), `maxActivitiesPerConversation`
 * per conversation (oldest dropped), and a conversation idle for `idleTimeoutMs` expires (Redis key
 * expiry, Redis's clock). Every operation is one Lua script, atomic across instances. Instances must
 * share DIRECTLINE_TOKEN_SECRET so that a token issued by one is accepted by the others.
 *
 * Keys under the prefix: `conv:<id>` (hash: userId, nextSeq), `acts:<id>` (list of `<seq>\n<JSON>`),
 * `index` (sorted set of conversation ids by last activity) and `clock` (the index's counter).
 */
import type { Redis } from 'ioredis';
import { activityId } from './conversationIds';
import type { ActivityFields, ActivityPage, DirectLineConversation, DirectLineStore, StoredActivity } from './directLineStore';
import { defaultMemoryDirectLineStoreOptions } from './memoryDirectLineStore';

/** Options of {@link createRedisDirectLineStore}. */
export interface RedisDirectLineStoreOptions {
  client: Redis;
  /** Key prefix. Default `spine-assistant:directline:`. */
  keyPrefix?: string;
  /** Most conversations kept. ≥ 1. Default 1000. */
  maxConversations?: number;
  /** Activities kept per conversation. ≥ 1. Default 500. */
  maxActivitiesPerConversation?: number;
  /** A conversation with no request for this long (ms) expires. > 0. Default 2 hours. */
  idleTimeoutMs?: number;
}

/** Defaults of {@link RedisDirectLineStoreOptions}. */
export const defaultRedisDirectLineStoreOptions = { keyPrefix: 'spine-assistant:directline:', ...defaultMemoryDirectLineStoreOptions } as const;

/**
 * Shared head of every script: KEYS[1] conv, KEYS[2] acts, KEYS[3] index, KEYS[4] a counter that orders
 * the index (a counter, not a clock: two touches in one millisecond still have an order); ARGV[1] id,
 * ARGV[2] idle ms. Expired conversations stay in the index until evicted, which they are first.
 */
const prelude = `
local idle = tonumber(ARGV[2])
local function touch()
  redis.call('PEXPIRE', KEYS[1], idle)
  redis.call('PEXPIRE', KEYS[2], idle)
  redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[4]), ARGV[1])
end
`;

/** ARGV[3] userId, ARGV[4] max conversations, ARGV[5] key prefix. Returns { created, userId }. */
const startScript = `${prelude}
local existing = redis.call('HGET', KEYS[1], 'userId')
if existing then touch() return { 0, existing } end
local max = tonumber(ARGV[4])
while redis.call('ZCARD', KEYS[3]) >= max do
  local oldest = redis.call('ZRANGE', KEYS[3], 0, 0)[1]
  redis.call('ZREM', KEYS[3], oldest)
  redis.call('DEL', ARGV[5] .. 'conv:' .. oldest, ARGV[5] .. 'acts:' .. oldest)
end
redis.call('HSET', KEYS[1], 'userId', ARGV[3], 'nextSeq', 1)
touch()
return { 1, ARGV[3] }
`;

/** Returns the userId (touching the conversation) or false. */
const getScript = `${prelude}
local userId = redis.call('HGET', KEYS[1], 'userId')
if not userId then return false end
touch()
return userId
`;

/** ARGV[3] activity JSON, ARGV[4] max activities. Returns the seq, or 0 for an unknown conversation. */
const appendScript = `${prelude}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local seq = redis.call('HINCRBY', KEYS[1], 'nextSeq', 1) - 1
redis.call('RPUSH', KEYS[2], seq .. '\\n' .. ARGV[3])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
touch()
return seq
`;

/** Returns the list entries, or false for an unknown conversation. */
const listScript = `${prelude}
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
touch()
return redis.call('LRANGE', KEYS[2], 0, -1)
`;

/** Creates the store on `client` (which the caller closes). */
export function createRedisDirectLineStore(options: RedisDirectLineStoreOptions): DirectLineStore {
  const { client } = options;
  const settings = { ...defaultRedisDirectLineStoreOptions, ...options };
  if (settings.maxConversations < 1 || settings.maxActivitiesPerConversation < 1 || !(settings.idleTimeoutMs > 0)) {
    throw new Error('redisDirectLineStore: bounds must be positive');
  }
  const prefix = settings.keyPrefix;
  const run = (script: string, conversationId: string, ...args: string[]): Promise<unknown> =>
    client.eval(
      script,
      4,
      `${prefix}conv:${conversationId}`,
      `${prefix}acts:${conversationId}`,
      `${prefix}index`,
      `${prefix}clock`,
      conversationId,
      String(settings.idleTimeoutMs),
      ...args,
    );

  return {
    async startConversation(conversationId, userId) {
      const result = await run(startScript, conversationId, userId, String(settings.maxConversations), prefix);
      const [created, storedUser] = Array.isArray(result) ? result : [0, userId];
      const conversation: DirectLineConversation = { conversationId, userId: String(storedUser) };
      return { created: Number(created) === 1, conversation };
    },

    async getConversation(conversationId) {
      const userId = await run(getScript, conversationId);
      return typeof userId === 'string' ? { conversationId, userId } : undefined;
    },

    async appendActivity(conversationId, activity: ActivityFields) {
      const { id: _ignored, ...fields } = activity;
      const seq = Number(await run(appendScript, conversationId, JSON.stringify(fields), String(settings.maxActivitiesPerConversation)));
      if (!(seq > 0)) return undefined;
      const stored: StoredActivity = { ...structuredClone(fields), type: activity.type, id: activityId(conversationId, seq) };
      return stored;
    },

    async activitiesSince(conversationId, watermark): Promise<ActivityPage | undefined> {
      const entries = await run(listScript, conversationId);
      if (!Array.isArray(entries)) return undefined;
      const after = watermark ?? 0;
      const activities: StoredActivity[] = [];
      let last = after;
      for (const entry of entries) {
        const text = String(entry);
        const newline = text.indexOf('\n');
        const seq = Number(text.slice(0, newline));
        if (!(seq > after)) continue;
        const fields = JSON.parse(text.slice(newline + 1)) as ActivityFields;
        activities.push({ ...fields, id: activityId(conversationId, seq) });
        last = seq;
      }
      return { activities, watermark: last };
    },

    async eraseActivities(conversationId) {
      await client.del(`${prefix}acts:${conversationId}`);
    },
  };
}
