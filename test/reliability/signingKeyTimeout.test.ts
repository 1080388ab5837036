/**
 * Signing keys of Bot Framework tokens are fetched with a time limit: with the OpenID metadata endpoint
 * accepting connections and never answering, a request with an RS256 token fails closed (503 with
 * Retry-After) within a bound, concurrent requests share one fetch, and nothing stays open afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAssistant, testConversation, type TestAssistant } from '../server/assistantHarness';
import { startTestIssuer, type TestIssuer } from '../security/botFrameworkIssuer';
import { startBlackhole, type Blackhole } from './blackholeServer';

const appId = '00000000-0000-0000-0000-00000000b0b2';
const issuerName = 'https://api.botframework.com';
let blackhole: Blackhole;
let issuer: TestIssuer;
let harness: TestAssistant;

beforeAll(async () => {
  blackhole = await startBlackhole();
  issuer = await startTestIssuer(['test']);
  const metadataUrl = `${blackhole.origin}/.well-known/openid-configuration`;
  harness = await startTestAssistant({
    env: {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: 'not-a-real-secret',
      ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
      ToBotFromChannelTokenIssuer: issuerName,
      ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
      BOT_SIGNING_KEYS_TIMEOUT_SECONDS: '2',
    },
  });
});
afterAll(async () => {
  await harness?.close();
  await issuer?.close();
  await blackhole?.close();
});

/** POSTs a message with a well-formed RS256 channel token; gives up after `boundMs` (a generous bound, not a benchmark). */
async function postWithToken(boundMs: number): Promise<Response> {
  const message = testConversation().message('How long does kyphoplasty take?');
  const now = Math.floor(Date.now() / 1000);
  const token = issuer.token({ iss: issuerName, aud: appId, serviceurl: message.serviceUrl, nbf: now - 60, exp: now + 3600 });
  return fetch(`${harness.assistant.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ deliveryMode: 'expectReplies', ...message }),
    signal: AbortSignal.timeout(boundMs),
  });
}

describe('signing keys from a blackholed OpenID metadata endpoint', () => {
  it('fails closed with 503 and Retry-After well within the bound (2 s configured, 15 s allowed)', async () => {
    const response = await postWithToken(15_000);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/signing keys/i) });
    expect(blackhole.connections()).toBeGreaterThan(0);
  });

  it('answers a burst of requests without opening a connection per request, and leaves none open', async () => {
    const before = blackhole.connections();
    const responses = await Promise.all(Array.from({ length: 20 }, () => postWithToken(15_000)));
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 20 }, () => 503));
    // At most one fetch in flight at a time (and none while the last failure's Retry-After runs).
    expect(blackhole.connections() - before).toBeLessThanOrEqual(1);
    await expect.poll(() => blackhole.openConnections(), { timeout: 10_000 }).toBe(0);
  });

  it('logs why, without the token', () => {
    expect(harness.logs.some((line) => line['event'] === 'messages.authUnavailable')).toBe(true);
    expect(harness.rawLogs.join('\n')).not.toMatch(/eyJ[\w-]{20,}/);
  });
});
