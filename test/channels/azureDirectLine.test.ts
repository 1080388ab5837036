/**
 * With DIRECTLINE_SECRET set, the page's token comes from Azure Direct Line: the server exchanges the
 * secret for a token and the secret never reaches the browser. Azure is played by a loopback stand-in
 * (DIRECTLINE_DOMAIN), never the internet.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebChannelHarness, type TokenAnswer, type WebChannelHarness } from './webChannelHarness';

const secret = 'directline-secret-for-tests.0123456789abcdef';

interface Received {
  method?: string;
  path?: string;
  authorization?: string;
  body: unknown;
}

const received: Received[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };
let standIn: http.Server;
let domain: string;
let harness: WebChannelHarness;

beforeAll(async () => {
  standIn = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method, path: req.url, authorization: req.headers.authorization, body: text ? JSON.parse(text) : undefined });
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  domain = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/v3/directline`;
  harness = await startWebChannelHarness({ env: { DIRECTLINE_SECRET: secret, DIRECTLINE_DOMAIN: domain } });
});
afterEach(() => {
  received.length = 0;
});
afterAll(async () => {
  await harness?.close();
  await new Promise((resolve) => standIn?.close(resolve));
});

describe('POST /api/directline/token with DIRECTLINE_SECRET', () => {
  it('exchanges the secret with Azure for a token and hands only the token to the browser', async () => {
    answer = { status: 200, body: { conversationId: 'azure-conversation-1', token: 'azure-token-1', expires_in: 3600 } };
    const response = await harness.request('POST', '/api/directline/token');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(secret);
    expect(JSON.parse(text) as TokenAnswer).toEqual({
      conversationId: 'azure-conversation-1',
      token: 'azure-token-1',
      expires_in: 3600,
      domain,
      webSocket: true,
    });

    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', path: '/v3/directline/tokens/generate', authorization: `Bearer ${secret}` });
    // The user id is bound into Azure's token, so the browser cannot pose as another user.
    expect(received[0]?.body).toEqual({ user: { id: expect.stringMatching(/^dl_[\w-]+$/) } });
  });

  it('answers 502 without details when Azure refuses, and logs neither the secret nor a token', async () => {
    answer = { status: 403, body: { error: { code: 'BadArgument', message: 'secret not valid' } } };
    const refused = await harness.request('POST', '/api/directline/token');
    expect(refused.status).toBe(502);
    expect(await refused.json()).toEqual({
      error: { code: 'DirectLineUnavailable', message: 'Could not get a Direct Line token. Try again later.' },
    });

    answer = { status: 200, body: { unexpected: true } };
    expect((await harness.request('POST', '/api/directline/token')).status).toBe(502);
    expect(harness.rawLogs.some((line) => line.includes(secret) || line.includes('azure-token'))).toBe(false);
  });
});

describe('the page and routes in Azure mode', () => {
  it('lets the page connect to Azure’s Direct Line and nowhere else', async () => {
    const response = await harness.request('GET', '/');
    const html = await response.text();
    expect(html).not.toContain(secret);
    const connect = /connect-src ([^;]+)/.exec(response.headers.get('content-security-policy') ?? '')?.[1]?.split(' ');
    const origin = new URL(domain).origin;
    expect(connect).toEqual(["'self'", origin, origin.replace(/^http/, 'ws')]);
  });

  it('does not run the built-in Direct Line', async () => {
    const response = await harness.request('POST', '/v3/directline/conversations', { token: 'anything', body: {} });
    expect(response.status).toBe(404);
    expect(received).toHaveLength(0);
  });
});
