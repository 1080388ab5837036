/**
 * The built-in Direct Line on Redis: the store keeps the in-memory store's contract (ids, watermarks,
 * one start, bounds, idle expiry as a key TTL), and two server instances sharing Redis and the token
 * secret serve one conversation — started on one, polled and continued on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisDirectLineStore } from '../../src/channels/directLine/redisDirectLineStore';
import { startSpineAssistant, type SpineAssistant } from '../../src/index';
import { loadConfig } from '../../src/server/config';
import { silentLogger } from '../../src/server/logger';
import { testRedis, type TestRedis } from './redisServer';

let redis: TestRedis;
const started: SpineAssistant[] = [];
beforeAll(async () => {
  redis = testRedis();
});
afterAll(async () => {
  await Promise.all(started.map((assistant) => assistant.close()));
});

describe('redisDirectLineStore', () => {
  it('keeps the store contract', async () => {
    const client = redis.client();
    const keyPrefix = redis.uniquePrefix();
    try {
      const store = createRedisDirectLineStore({ client, keyPrefix, maxActivitiesPerConversation: 2, maxConversations: 2, idleTimeoutMs: 60_000 });
      expect((await store.startConversation('c1', 'dl_u')).created).toBe(true);
      expect(await store.startConversation('c1', 'dl_other')).toEqual({ created: false, conversation: { conversationId: 'c1', userId: 'dl_u' } });
      const first = await store.appendActivity('c1', { type: 'message', text: 'one', id: 'ignored' });
      const second = await store.appendActivity('c1', { type: 'message', text: 'two' });
      expect([first?.id, second?.id]).toEqual(['c1|0000001', 'c1|0000002']);
      expect(await store.activitiesSince('c1', 1)).toEqual({ activities: [second], watermark: 2 });
      const third = await store.appendActivity('c1', { type: 'message', text: 'three' });
      // Only the last two are kept; polling from the start skips the dropped one.
      expect(await store.activitiesSince('c1', undefined)).toEqual({ activities: [second, third], watermark: 3 });
      expect(await store.activitiesSince('c1', 3)).toEqual({ activities: [], watermark: 3 });
      expect(await store.getConversation('nope')).toBeUndefined();
      expect(await store.appendActivity('nope', { type: 'message' })).toBeUndefined();
      expect(await store.activitiesSince('nope', undefined)).toBeUndefined();
      // Idle expiry is the keys' TTL.
      const ttl = await client.pttl(`${keyPrefix}conv:c1`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
      // A third conversation drops the least recently active one.
      await store.startConversation('c2', 'dl_u');
      await store.getConversation('c1');
      await store.startConversation('c3', 'dl_u');
      expect(await store.getConversation('c2')).toBeUndefined();
      expect(await store.getConversation('c1')).toEqual({ conversationId: 'c1', userId: 'dl_u' });
    } finally {
      client.disconnect();
    }
  });
});

describe('two instances behind one URL', () => {
  it('start a conversation on one instance, continue it on the other', async () => {
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      STATE_STORAGE: 'redis',
      REDIS_URL: redis.url,
      DIRECTLINE_TOKEN_SECRET: 'a-shared-token-secret-of-at-least-32-characters',
    };
    const start = async (): Promise<SpineAssistant> => {
      const assistant = await startSpineAssistant({ config: loadConfig(env), env, logger: silentLogger });
      started.push(assistant);
      return assistant;
    };
    const [a, b] = [await start(), await start()];
    const { token, conversationId } = (await (await fetch(`${a.url}/api/directline/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await fetch(`${a.url}/v3/directline/conversations`, { method: 'POST', headers, body: '{}' })).status).toBe(201);
    const poll = async (instance: SpineAssistant): Promise<Array<{ channelData?: { outcome?: string } }>> => {
      const page = (await (await fetch(`${instance.url}/v3/directline/conversations/${conversationId}/activities`, { headers })).json()) as {
        activities: Array<{ channelData?: { outcome?: string } }>;
      };
      return page.activities;
    };
    // The welcome is delivered in the background; the next message waits for it (queued per conversation).
    const posted = await fetch(`${b.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'message', text: 'How long does kyphoplasty take?', from: { id: 'x' } }),
    });
    expect(posted.status).toBe(200);
    const outcomes = (await poll(a)).map((activity) => activity.channelData?.outcome).filter((outcome) => outcome !== undefined);
    expect(outcomes).toContain('answer');
    expect(await poll(b)).toEqual(await poll(a));
  });
});
