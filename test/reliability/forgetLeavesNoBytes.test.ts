/**
 * "Forget me" leaves no bytes behind: a patient's words (questions, messages during a handoff) and an
 * agent's replies are in the store while the conversation runs; after "forget me" none of them can be
 * found in the SQLite files (state.sqlite and its journal, read as raw bytes, as `grep -a` would) — at
 * once and after a clean stop — nor under any key of Redis (state, handoff, the built-in Direct Line's
 * conversations, rate limits, delivery markers).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedis, type TestRedis } from '../state/redisServer';
import { markerWord, startClinic, type ClinicHarness } from './clinicHarness';

let redis: TestRedis;
const dataDirs: string[] = [];
beforeAll(async () => {
  redis = testRedis();
});
afterAll(async () => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** Every file of the data folder, as bytes read as latin1 (so any UTF-8 text can be searched). */
function filesOf(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(path.join(dir, name)).toString('latin1'))
    .join('\n');
}

/** Every key and value in Redis, as one string (strings, hashes, lists, sorted sets). */
async function everythingIn(client: Redis): Promise<string> {
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      parts.push(key);
      const type = await client.type(key);
      if (type === 'string') parts.push((await client.get(key)) ?? '');
      else if (type === 'hash') parts.push(JSON.stringify(await client.hgetall(key)));
      else if (type === 'list') parts.push(JSON.stringify(await client.lrange(key, 0, -1)));
      else if (type === 'zset') parts.push(JSON.stringify(await client.zrange(key, '0', '-1', 'WITHSCORES')));
      else if (type === 'set') parts.push(JSON.stringify(await client.smembers(key)));
    }
  } while (cursor !== '0');
  return parts.join('\n');
}

/**
 * A whole conversation with a handoff: a question, a request for a person, a message while waiting, an
 * agent who takes it and writes, another message from the patient. Returns the marker words used.
 */
async function conversationWithHandoff(clinic: ClinicHarness): Promise<{ markers: string[]; forget: () => Promise<string | undefined> }> {
  const markers = ['question', 'waiting', 'agent', 'taken'].map(markerWord);
  const [question, waiting, agentWords, taken] = markers;
  const chat = await clinic.patient();
  await chat.say(`how long does kyphoplasty take for my ${question} back?`);
  await chat.say('', { action: 'talk-to-person' });
  await chat.say(`I am still here ${waiting}`);
  const cookie = await clinic.signIn('Alex');
  const queue = (await (await clinic.agent('GET', '/agent/api/queue', cookie)).json()) as { conversations: Array<{ id: string }> };
  const id = queue.conversations[0]?.id ?? '';
  expect((await clinic.agent('POST', `/agent/api/conversations/${id}/take`, cookie)).status).toBe(200);
  expect((await clinic.agent('POST', `/agent/api/conversations/${id}/messages`, cookie, { text: `Hello ${agentWords}` })).status).toBe(200);
  await chat.say(`thank you ${taken}`);
  await chat.poll();
  return {
    markers,
    forget: async () => {
      await chat.say('forget me');
      const replies = await chat.poll();
      // The console no longer has the conversation.
      expect((await clinic.agent('GET', `/agent/api/conversations/${id}`, cookie)).status).toBe(404);
      return replies.at(-1)?.channelData?.outcome;
    },
  };
}

describe('forget me on SQLite', () => {
  it('leaves none of the words in the database files, at once and after a clean stop', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'spine-forget-'));
    dataDirs.push(dataDir);
    const clinic = await startClinic({ env: { STATE_STORAGE: 'sqlite', DATA_DIR: dataDir } });
    let markers: string[] = [];
    try {
      const conversation = await conversationWithHandoff(clinic);
      markers = conversation.markers;
      // The probe is real: the words are in the files while the conversation runs.
      const before = filesOf(dataDir);
      for (const marker of markers) expect(before.includes(marker), `${marker} before "forget me"`).toBe(true);
      expect(await conversation.forget()).toBe('help');
      const atOnce = filesOf(dataDir);
      for (const marker of markers) expect(atOnce.includes(marker), `${marker} right after "forget me"`).toBe(false);
    } finally {
      await clinic.close();
    }
    const afterStop = filesOf(dataDir);
    expect(afterStop.length).toBeGreaterThan(0);
    for (const marker of markers) expect(afterStop.includes(marker), `${marker} after a clean stop`).toBe(false);
    for (const marker of markers) expect(clinic.rawLogs.join('\n').includes(marker), `${marker} in the logs`).toBe(false);
  });
});

describe('forget me on Redis', () => {
  it('leaves none of the words under any key (state, handoff, Direct Line, limits, markers)', async () => {
    const clinic = await startClinic({
      env: { STATE_STORAGE: 'redis', REDIS_URL: redis.url, DIRECTLINE_TOKEN_SECRET: 'reliability-direct-line-secret-0123456789' },
    });
    const client = redis.client();
    try {
      const conversation = await conversationWithHandoff(clinic);
      const before = await everythingIn(client);
      for (const marker of conversation.markers) expect(before.includes(marker), `${marker} before "forget me"`).toBe(true);
      expect(await conversation.forget()).toBe('help');
      const after = await everythingIn(client);
      for (const marker of conversation.markers) expect(after.includes(marker), `${marker} after "forget me"`).toBe(false);
    } finally {
      client.disconnect();
      await clinic.close();
    }
  });
});
