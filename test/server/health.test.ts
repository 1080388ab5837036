/** The health endpoints and request handling of the server itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/createServer';
import { silentLogger } from '../../src/server/logger';
import { loadBotWording } from '../../src/bot/botWording';
import { testRedis } from '../state/redisServer';
import { freePort } from '../freePort';
import { startTestAssistant, type TestAssistant } from './assistantHarness';
let harness: TestAssistant;
beforeAll(async () => {
  harness = await startTestAssistant();
});
afterAll(async () => {
  await harness?.close();
});

describe('health endpoints', () => {
  it('GET /healthz says the process is alive', async () => {
    const response = await fetch(`${harness.assistant.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz says the engine answers its probe question and the storage answers', async () => {
    const response = await fetch(`${harness.assistant.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { answersProbe: true, storage: true } });
  });

  it('GET /readyz answers 503 when the documents do not answer the probe question', async () => {
    const wording = { ...loadBotWording(), readinessProbeQuestion: 'What is the capital of France?' };
    const other = await startTestAssistant({ wording });
    try {
      const response = await fetch(`${other.assistant.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'not-ready', checks: { answersProbe: false, storage: true } });
    } finally {
      await other.close();
    }
  });

  it('GET /readyz checks Redis when state is on Redis: 200 while it answers', async () => {
    const onRedis = await startTestAssistant({ env: { STATE_STORAGE: 'redis', REDIS_URL: testRedis().url } });
    try {
      const response = await fetch(`${onRedis.assistant.url}/readyz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready', checks: { answersProbe: true, storage: true, redis: true } });
    } finally {
      await onRedis.close();
    }
  });

  it('GET /readyz answers 503 when the configured Redis cannot be reached', async () => {
    const onRedis = await startTestAssistant({ env: { STATE_STORAGE: 'redis', REDIS_URL: `redis://127.0.0.1:${await freePort()}` } });
    try {
      const response = await fetch(`${onRedis.assistant.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'not-ready', checks: { answersProbe: true, storage: false, redis: false } });
    } finally {
      await onRedis.close();
    }
  });

  it('GET /readyz answers 503 while a check fails', async () => {
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      logger: silentLogger,
      readiness: () => ({ ready: false, checks: { knowledgeLoaded: true, indexBuilt: false } }),
      handleMessages: async (_req, res) => {
        res.send(500);
      },
    });
    try {
      const response = await fetch(`${server.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'not-ready', checks: { indexBuilt: false } });
    } finally {
      await server.close();
    }
  });
});

describe('/api/messages input', () => {
  it('rejects a body that is not an activity with 400', async () => {
    const response = await fetch(`${harness.assistant.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(response.status).toBe(400);
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await fetch(`${harness.assistant.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }),
    });
    expect(response.status).toBe(413);
  });
});
