/**
 * Local mode's defences and the limits: loopback by default, replies only to allowed serviceUrls (no
 * request forgery through serviceUrl), rate limits per conversation on /api/messages and per client
 * address on the public endpoints (429 with Retry-After), security headers, and a polite reply to an
 * over-long message.
 */
import { createServer, type Server } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebChannels } from '../../src/channels/webChat/webChannels';
import { clientAddress } from '../../src/server/clientAddress';
import { loadConfig } from '../../src/server/config';
import { createMemoryRateLimiter, createRedisRateLimiter } from '../../src/server/rateLimiter';
import { startTestAssistant, testConversation, type TestAssistant } from '../server/assistantHarness';
import { testRedis } from '../state/redisServer';

/** A loopback server that records every request (a stand-in for an internal address). */
let trap: Server;
let trapOrigin = '';
const trapped: string[] = [];
const started: TestAssistant[] = [];
beforeAll(async () => {
  trap = createServer((req, res) => {
    trapped.push(`${req.method} ${req.url}`);
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ id: 'x' }));
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  const address = trap.address();
  trapOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await Promise.all(started.map((harness) => harness.close()));
  await new Promise<void>((resolve) => trap.close(() => resolve()));
});

async function start(env: Record<string, string> = {}, withWebChannel = false): Promise<TestAssistant> {
  const harness = await startTestAssistant({ env, ...(withWebChannel ? { registerChannels: createWebChannels({}) } : {}) });
  started.push(harness);
  return harness;
}

function postActivity(harness: TestAssistant, activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${harness.assistant.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}

describe('where the server listens', () => {
  it('binds to loopback without an App ID, to all interfaces with one, and HOST wins', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'x' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});

describe('serviceUrl allow-list in local mode', () => {
  it.each([['an address on loopback', () => `${trapOrigin}/`], ['a link-local metadata address', () => 'http://169.254.169.254/']])(
    'refuses to reply to %s that is not allowed, without contacting it',
    async (_name, serviceUrl) => {
      const harness = await start();
      const response = await postActivity(harness, { ...testConversation().message('What is kyphoplasty?'), serviceUrl: serviceUrl() });
      expect(response.status).toBe(403);
      expect(trapped).toEqual([]);
      expect(harness.logs.some((line) => line['event'] === 'turn.completed')).toBe(false);
    },
  );

  it('replies to an origin on ALLOWED_SERVICE_URLS', async () => {
    const harness = await start({ ALLOWED_SERVICE_URLS: `https://bot.example.org, ${trapOrigin}` });
    const response = await postActivity(harness, { ...testConversation().message('What is kyphoplasty?'), serviceUrl: `${trapOrigin}/` });
    expect(response.status).toBe(200);
    expect(trapped.some((line) => line.startsWith('POST /v3/conversations/'))).toBe(true);
    trapped.length = 0;
  });

  it('rejects an invalid ALLOWED_SERVICE_URLS entry at startup', () => {
    expect(() => loadConfig({ ALLOWED_SERVICE_URLS: 'https://ok.example, https://bad.example/path' })).toThrow('ALLOWED_SERVICE_URLS');
  });
});

describe('rate limits', () => {
  it('limits /api/messages per conversation, with Retry-After, and not per address', async () => {
    const harness = await start({ RATE_LIMIT_CONVERSATION_PER_MINUTE: '3' });
    const chat = testConversation();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await harness.send(chat.message(`What is kyphoplasty? ${i}`))).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await postActivity(harness, { ...chat.message('One more?'), deliveryMode: 'expectReplies' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Same client address, another conversation: not limited.
    expect((await harness.send(testConversation().message('What is vertebroplasty?'))).status).toBe(200);
    expect(await harness.assistant.metrics.registry.getSingleMetricAsString('spine_assistant_rate_limited_total')).toContain('scope="conversation"} 1');
  });

  it('limits the token endpoint per client address, and the page too, but never the health probes', async () => {
    const harness = await start({ RATE_LIMIT_TOKEN_PER_MINUTE: '2', RATE_LIMIT_CLIENT_PER_MINUTE: '6' }, true);
    const token = (): Promise<Response> => fetch(`${harness.assistant.url}/api/directline/token`, { method: 'POST' });
    expect([(await token()).status, (await token()).status]).toEqual([200, 200]);
    const refused = await token();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
    // X-Forwarded-For is not trusted without TRUST_PROXY_HOPS: a made-up address does not reset the limit.
    expect((await fetch(`${harness.assistant.url}/api/directline/token`, { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(429);
    // Four of the six used; the page gets what is left, then 429 (a slow machine may refill one more).
    const pages: number[] = [];
    for (let i = 0; i < 5; i += 1) pages.push((await fetch(`${harness.assistant.url}/`)).status);
    expect(pages.slice(0, 2)).toEqual([200, 200]);
    expect(pages.at(-1)).toBe(429);
    for (let i = 0; i < 20; i += 1) expect((await fetch(`${harness.assistant.url}/healthz`)).status).toBe(200);
  });

  it('passes the conversation limit on to a built-in Direct Line client as 429 with Retry-After', async () => {
    const harness = await start({ RATE_LIMIT_CONVERSATION_PER_MINUTE: '2' }, true);
    const url = harness.assistant.url;
    const { token, conversationId } = (await (await fetch(`${url}/api/directline/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers, body: '{}' });
    const post = (): Promise<Response> =>
      fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text: 'What is kyphoplasty?' }) });
    // The welcome (conversationUpdate) and the first message use the two; the next one is refused.
    expect((await post()).status).toBe(200);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({ error: { code: 'TooManyRequests', message: expect.any(String) } });
  });

  it('refills a memory bucket with time (test clock) and says how long to wait', async () => {
    let time = 0;
    const limiter = createMemoryRateLimiter({ perMinute: 60, burst: 2, now: () => time });
    expect((await limiter.take('k')).allowed).toBe(true);
    expect((await limiter.take('k')).allowed).toBe(true);
    expect(await limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    time += 1000;
    expect((await limiter.take('k')).allowed).toBe(true);
    expect((await limiter.take('other')).allowed).toBe(true);
  });

  it('shares a Redis bucket between instances', async () => {
    const redis = testRedis();
    const [clientA, clientB] = [redis.client(), redis.client()];
    try {
      const keyPrefix = redis.uniquePrefix();
      const a = createRedisRateLimiter({ client: clientA, perMinute: 2, keyPrefix });
      const b = createRedisRateLimiter({ client: clientB, perMinute: 2, keyPrefix });
      expect([(await a.take('c')).allowed, (await b.take('c')).allowed]).toEqual([true, true]);
      const refused = await a.take('c');
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    } finally {
      clientA.disconnect();
      clientB.disconnect();
    }
  });

  it('reads the client address from X-Forwarded-For only behind trusted proxies', () => {
    const request = (remoteAddress: string, forwarded?: string): IncomingMessage =>
      ({ socket: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as IncomingMessage;
    expect(clientAddress(request('::ffff:10.0.0.5', '198.51.100.7'), 0)).toBe('10.0.0.5');
    expect(clientAddress(request('10.0.0.5', '203.0.113.1, 198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientAddress(request('10.0.0.5', '203.0.113.1, 198.51.100.7'), 2)).toBe('203.0.113.1');
  });
});

describe('security headers', () => {
  it('sends a closed policy on API endpoints and leaves the page its own', async () => {
    const harness = await start({}, true);
    for (const path of ['/healthz', '/metrics']) {
      const response = await fetch(`${harness.assistant.url}${path}`);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('server')).toBeNull();
    }
    const page = await fetch(`${harness.assistant.url}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/style-src 'self' 'nonce-/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('message length', () => {
  it('answers an over-long message politely instead of failing', async () => {
    const harness = await start();
    const { status, activities } = await harness.send(testConversation().message('kyphoplasty '.repeat(400)));
    expect(status).toBe(200);
    expect(activities).toHaveLength(1);
    expect(activities[0]?.channelData).toMatchObject({ outcome: 'no-answer', noAnswerReason: 'too-long' });
  });
});
