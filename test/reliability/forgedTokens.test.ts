/**
 * Forged and malformed Bot Framework tokens against the real server with an App ID (a loopback issuer
 * publishes the signing key): algorithm confusion (none, HS256 keyed with the public key or the app
 * password), keys nobody published, odd key ids, broken segments, claims out of range, oversized tokens.
 * Every one gets 401 (a header over Node's 16 KB limit gets 431) — never 200, never a 5xx — and none
 * reaches the bot. test/security/botAuthentication
 * keeps the plain cases (wrong audience, issuer, expiry, signature, serviceUrl).
 */
import { createHmac, createPublicKey, createSign, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAssistant, testConversation, type TestAssistant } from '../server/assistantHarness';
import { startTestIssuer, type ChannelTokenClaims, type TestIssuer } from '../security/botFrameworkIssuer';

const appId = '00000000-0000-0000-0000-00000000b0b3';
const appPassword = 'not-a-real-secret-either';
const issuerName = 'https://api.botframework.com';
let issuer: TestIssuer;
let harness: TestAssistant;

beforeAll(async () => {
  issuer = await startTestIssuer(['test']);
  harness = await startTestAssistant({
    env: {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: appPassword,
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

const b64 = (value: string | Buffer): string => Buffer.from(value).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);
const claims = (serviceUrl: string, overrides: Partial<ChannelTokenClaims> = {}): ChannelTokenClaims => ({
  iss: issuerName,
  aud: appId,
  serviceurl: serviceUrl,
  nbf: now() - 60,
  exp: now() + 3600,
  ...overrides,
});
const unsigned = (header: object, payload: object): string => `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`;
const hs256 = (payload: object, secret: string | Buffer): string => {
  const input = unsigned({ alg: 'HS256', typ: 'JWT', kid: 'test-signing-key' }, payload);
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};
const rs256With = (header: object, payload: object): string => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const input = unsigned(header, payload);
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
};
/** The published public key as PEM, as an attacker could fetch it from the JWKS. */
const publishedKeyPem = async (): Promise<string> => {
  const metadata = (await (await fetch(issuer.metadataUrl)).json()) as { jwks_uri: string };
  const { keys } = (await (await fetch(metadata.jwks_uri)).json()) as { keys: Array<{ n: string; e: string }> };
  const key = keys[0];
  return createPublicKey({ key: { kty: 'RSA', n: key?.n ?? '', e: key?.e ?? '' }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
};

type Forge = (serviceUrl: string) => string | Promise<string>;
const forgeries: Array<[string, Forge]> = [
  ['alg none, no signature', (url) => `${unsigned({ alg: 'none', typ: 'JWT' }, claims(url))}.`],
  ['alg none with the published key id', (url) => `${unsigned({ alg: 'none', kid: 'test-signing-key' }, claims(url))}.`],
  ['HS256 keyed with the published public key', async (url) => hs256(claims(url), await publishedKeyPem())],
  ['HS256 keyed with the app password', (url) => hs256(claims(url), appPassword)],
  ['RS256 by an unpublished key under the published key id', (url) => rs256With({ alg: 'RS256', kid: 'test-signing-key' }, claims(url))],
  ['RS256 with no key id', (url) => rs256With({ alg: 'RS256' }, claims(url))],
  ['a key id with a path', (url) => issuer.token(claims(url), { kid: '../../../../etc/passwd' })],
  ['a key id of 10,000 characters', (url) => issuer.token(claims(url), { kid: 'k'.repeat(10_000) })],
  ['ES256 named, RS256 signed', (url) => {
    const [, payload, signature] = issuer.token(claims(url)).split('.');
    return `${b64(JSON.stringify({ alg: 'ES256', kid: 'test-signing-key' }))}.${payload}.${signature}`;
  }],
  ['a header that is not JSON', (url) => `${b64('{alg: RS256')}.${issuer.token(claims(url)).split('.').slice(1).join('.')}`],
  ['a payload that is not JSON', (url) => {
    const [header, , signature] = issuer.token(claims(url)).split('.');
    return `${header}.${b64('not json')}.${signature}`;
  }],
  ['four segments', (url) => `${issuer.token(claims(url))}.extra`],
  ['two segments', (url) => issuer.token(claims(url)).split('.').slice(0, 2).join('.')],
  ['another token\'s signature', (url) => {
    const [header, payload] = issuer.token(claims(url)).split('.');
    const [, , signature] = issuer.token(claims(url, { exp: now() + 7200 })).split('.');
    return `${header}.${payload}.${signature}`;
  }],
  ['not yet valid (nbf in an hour)', (url) => issuer.token(claims(url, { nbf: now() + 3600, exp: now() + 7200 }))],
  ['an issuer in other case', (url) => issuer.token(claims(url, { iss: 'https://API.botframework.com' }))],
  ['an issuer with a trailing slash', (url) => issuer.token(claims(url, { iss: `${issuerName}/` }))],
  ['an audience one digit off', (url) => issuer.token(claims(url, { aud: appId.replace('b0b3', 'b0b4') }))],
  ['expired long ago', (url) => issuer.token(claims(url, { nbf: now() - 86_400 * 2, exp: now() - 86_400 }))],
  ['a token of 12,000 characters', () => `${'A'.repeat(6000)}.${'B'.repeat(6000)}`],
  ['characters outside base64url', () => 'ey$%^.&*().[]{}'],
];

describe('forged Bot Framework tokens', () => {
  it.each(forgeries)('refuses %s with 401', async (_name, forge) => {
    const message = testConversation().message('What is kyphoplasty?');
    const response = await fetch(`${harness.assistant.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await forge(message.serviceUrl)}` },
      body: JSON.stringify({ deliveryMode: 'expectReplies', ...message }),
    });
    expect(response.status).toBe(401);
  });

  it('refuses a header too large for the server (100,000 characters) with 431, before any check', async () => {
    const message = testConversation().message('What is kyphoplasty?');
    const response = await fetch(`${harness.assistant.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'A'.repeat(100_000)}` },
      body: JSON.stringify({ deliveryMode: 'expectReplies', ...message }),
    });
    expect(response.status).toBe(431);
  });

  it('ran the bot for none of them, and logged no token', () => {
    expect(harness.logs.filter((line) => line['event'] === 'turn.completed')).toEqual([]);
    expect(harness.rawLogs.join('\n')).not.toMatch(/eyJ[\w-]{20,}/);
  });
});
