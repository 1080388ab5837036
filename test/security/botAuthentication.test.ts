/**
 * With a MicrosoftAppId, /api/messages runs botbuilder's real token validation against a loopback
 * OpenID metadata endpoint (ToBotFromChannelOpenIdMetadataUrl) with a locally generated signing key. A
 * valid token is answered; a missing, malformed, wrongly addressed, wrongly issued, expired, badly signed
 * or serviceUrl-mismatched token gets 401 — never a 500 — and the bot never runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAssistant, testConversation, type TestAssistant } from '../server/assistantHarness';
import { startTestIssuer, type ChannelTokenClaims, type TestIssuer } from './botFrameworkIssuer';

const appId = '00000000-0000-0000-0000-00000000b0b1';
const issuerName = 'https://api.botframework.com';
let issuer: TestIssuer;
let harness: TestAssistant;

beforeAll(async () => {
  issuer = await startTestIssuer(['test', 'msteams']);
  harness = await startTestAssistant({
    env: {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: 'not-a-real-secret',
      ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
      ToBotFromChannelTokenIssuer: issuerName,
      ToBotFromEmulatorOpenIdMetadataUrl: issuer.metadataUrl,
    },
  });
});
afterAll(async () => {
  await harness?.close();
  await issuer?.close();
});

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** POSTs an expectReplies message with the given Authorization header. */
async function post(authorization: string | undefined, activity: Record<string, unknown>): Promise<{ status: number; body: string }> {
  const response = await fetch(`${harness.assistant.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify({ deliveryMode: 'expectReplies', ...activity }),
  });
  return { status: response.status, body: await response.text() };
}

function claimsFor(serviceUrl: string, overrides: Partial<ChannelTokenClaims> = {}): ChannelTokenClaims {
  return { iss: issuerName, aud: appId, serviceurl: serviceUrl, nbf: nowSeconds() - 60, iat: nowSeconds() - 60, exp: nowSeconds() + 3600, ...overrides };
}

describe('Bot Framework authentication with an App ID', () => {
  it('answers a request with a valid channel token', async () => {
    const message = testConversation().message('How long does kyphoplasty take?');
    const { status, body } = await post(`Bearer ${issuer.token(claimsFor(message.serviceUrl))}`, message);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ activities: [{ channelData: { outcome: 'answer' } }] });
    expect(issuer.requests()).toBeGreaterThan(0);
  });

  it.each<[string, (serviceUrl: string) => string | undefined]>([
    ['no Authorization header', () => undefined],
    ['an empty bearer', () => 'Bearer '],
    ['a malformed token', () => 'Bearer not.a.token'],
    ['another scheme', (serviceUrl) => `Basic ${issuer.token(claimsFor(serviceUrl))}`],
    ['a wrong audience', (serviceUrl) => `Bearer ${issuer.token(claimsFor(serviceUrl, { aud: '11111111-2222-3333-4444-555555555555' }))}`],
    ['a wrong issuer', (serviceUrl) => `Bearer ${issuer.token(claimsFor(serviceUrl, { iss: 'https://issuer.invalid' }))}`],
    ['an expired token', (serviceUrl) => `Bearer ${issuer.token(claimsFor(serviceUrl, { exp: nowSeconds() - 3600, nbf: nowSeconds() - 7200 }))}`],
    ['a bad signature', (serviceUrl) => `Bearer ${issuer.token(claimsFor(serviceUrl), { signWith: 'unpublished' })}`],
    ['an unknown key id', (serviceUrl) => `Bearer ${issuer.token(claimsFor(serviceUrl), { kid: 'someone-elses-key' })}`],
    ['a serviceUrl mismatch', () => `Bearer ${issuer.token(claimsFor('https://elsewhere.example/'))}`],
    ['a tampered payload', (serviceUrl) => {
      const [header, , signature] = issuer.token(claimsFor(serviceUrl)).split('.');
      const payload = Buffer.from(JSON.stringify(claimsFor(serviceUrl, { aud: appId, exp: nowSeconds() + 999_999 }))).toString('base64url');
      return `Bearer ${header}.${payload}.${signature}`;
    }],
  ])('refuses %s with 401', async (_name, authorization) => {
    const message = testConversation().message('What is kyphoplasty?');
    const { status, body } = await post(authorization(message.serviceUrl), message);
    expect(status).toBe(401);
    expect(JSON.parse(body)).toEqual({ error: 'A valid Bot Framework token is required.' });
  });

  it('refuses a token for a channel its key is not endorsed for', async () => {
    const message = testConversation('webchat').message('What is kyphoplasty?');
    expect((await post(`Bearer ${issuer.token(claimsFor(message.serviceUrl))}`, message)).status).toBe(401);
  });

  it('never ran the bot for a refused request and logged no token', () => {
    const answered = harness.logs.filter((line) => line['event'] === 'turn.completed');
    expect(answered).toHaveLength(1);
    expect(harness.rawLogs.join('\n')).not.toMatch(/eyJ[\w-]{20,}/);
    expect(harness.logs.filter((line) => line['event'] === 'messages.unauthorized').length).toBeGreaterThanOrEqual(12);
  });
});
