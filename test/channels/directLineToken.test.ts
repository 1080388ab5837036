/**
 * Direct Line tokens: HS256 JWTs Web Chat can read the user from, checked for signature, shape and
 * expiry (clock by hand); and the bot-side conversation ids that only the server can compute.
 */
import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { createBotConversationIds } from '../../src/channels/directLine/conversationIds';
import { bearerToken, createDirectLineTokenSigner } from '../../src/channels/directLine/directLineToken';
import { manualClock } from './webChannelHarness';

const secret = randomBytes(32);

describe('directLineToken', () => {
  it('issues a JWT whose payload names the conversation, the user and the expiry', () => {
    const clock = manualClock(Date.UTC(2030, 0, 1));
    const signer = createDirectLineTokenSigner({ secret, lifetimeSeconds: 1800, now: clock.now });
    const { token, claims } = signer.issue('conv-1', 'dl_user');
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({ conv: 'conv-1', user: 'dl_user', iat: claims.issuedAt, exp: claims.issuedAt + 1800 });
    expect(signer.verify(token)).toEqual({ ok: true, claims });
  });

  it('says why a token fails', () => {
    const clock = manualClock();
    const signer = createDirectLineTokenSigner({ secret, lifetimeSeconds: 60, now: clock.now });
    const { token } = signer.issue('conv-1', 'dl_user');
    const [header = '', , signature = ''] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ iss: 'spine-assistant/directline', conv: 'conv-2', user: 'dl_user', iat: 0, exp: 9e9 })).toString('base64url');
    const foreign = createDirectLineTokenSigner({ secret: randomBytes(32), now: clock.now }).issue('conv-1', 'dl_user').token;

    expect(signer.verify(undefined)).toEqual({ ok: false, failure: 'missing' });
    expect(signer.verify('abc')).toEqual({ ok: false, failure: 'malformed' });
    expect(signer.verify(`${header}.${otherPayload}.${signature}`)).toEqual({ ok: false, failure: 'bad-signature' });
    expect(signer.verify(foreign)).toEqual({ ok: false, failure: 'bad-signature' });
    clock.advance(60_000);
    expect(signer.verify(token)).toEqual({ ok: false, failure: 'expired' });
  });

  it('refuses unsigned tokens and other algorithms', () => {
    const signer = createDirectLineTokenSigner({ secret });
    const [, payload = ''] = signer.issue('conv-1', 'dl_user').token.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const hs512 = jwt.sign(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as object, secret, { algorithm: 'HS512' });
    expect(signer.verify(unsigned).ok).toBe(false);
    expect(signer.verify(hs512).ok).toBe(false);
  });

  it('refuses a short secret', () => {
    expect(() => createDirectLineTokenSigner({ secret: randomBytes(16) })).toThrow(/at least 32 bytes/);
  });

  it('reads bearer tokens from Authorization headers', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer  abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('conversationIds', () => {
  it('maps a conversation to a bot-side id and back, and refuses ids it did not make', () => {
    const ids = createBotConversationIds(secret);
    const botSide = ids.toBot('Abc_123-xyz');
    expect(botSide).toMatch(/^Abc_123-xyz\.[\w-]{22}$/);
    expect(ids.fromBot(botSide)).toBe('Abc_123-xyz');
    expect(ids.fromBot('Abc_123-xyz')).toBeUndefined();
    expect(ids.fromBot(`Abc_123-xyz.${'A'.repeat(22)}`)).toBeUndefined();
    expect(createBotConversationIds(randomBytes(32)).fromBot(botSide)).toBeUndefined();
  });
});
