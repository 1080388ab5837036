/**
 * The signing keys at hand keep working while a refresh hangs or fails: botbuilder's own OpenIdMetadata
 * (bounded by boundSigningKeyFetches) against a loopback issuer that can be made to hang, with the key
 * set's age moved by an injected clock rather than by waiting.
 */
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundSigningKeyFetches, defaultSigningKeyFetchOptions, SigningKeysUnavailableError } from '../../src/bot/boundedSigningKeys';
import { startTestIssuer, type TestIssuer } from '../security/botFrameworkIssuer';

const hour = 3_600_000;
let issuer: TestIssuer;
let clock = 1_000_000;

beforeAll(async () => {
  issuer = await startTestIssuer(['test']);
  boundSigningKeyFetches({ timeoutMs: 1000, retryAfterSeconds: 5, now: () => clock });
});
afterAll(async () => {
  boundSigningKeyFetches(defaultSigningKeyFetchOptions);
  await issuer?.close();
});

/** Resolves with what `promise` settles to, or 'no answer' after a generous bound. */
async function within<T>(promise: Promise<T>, boundMs = 15_000): Promise<T | 'no answer'> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'no answer'>((resolve) => (timer = setTimeout(() => resolve('no answer'), boundMs)));
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

describe('signing keys while a refresh fails', () => {
  it('fetches once, then answers from the keys at hand', async () => {
    const metadata = new OpenIdMetadata(issuer.metadataUrl);
    const key = await metadata.getKey('test-signing-key');
    expect(key?.key).toMatch(/BEGIN RSA PUBLIC KEY/);
    expect(key?.endorsements).toEqual(['test']);
    const fetches = issuer.requests();
    expect(await metadata.getKey('test-signing-key')).toEqual(key);
    expect(issuer.requests()).toBe(fetches);
  });

  it('keeps using a known key when the set is due for a refresh and the endpoint hangs', async () => {
    const metadata = new OpenIdMetadata(issuer.metadataUrl);
    issuer.setHanging(true);
    clock += 25 * hour;
    const key = await within(metadata.getKey('test-signing-key'));
    expect(key).not.toBe('no answer');
    expect(key).toMatchObject({ key: expect.stringMatching(/BEGIN RSA PUBLIC KEY/) });
  });

  it('refuses a key it does not have with SigningKeysUnavailableError (503), not by hanging', async () => {
    const metadata = new OpenIdMetadata(issuer.metadataUrl);
    const outcome = await within(metadata.getKey('rotated-key').then(() => 'resolved', (error: unknown) => error));
    expect(outcome).toBeInstanceOf(SigningKeysUnavailableError);
    expect(outcome).toMatchObject({ retryAfterSeconds: 5 });
    // While the Retry-After runs, no new fetch is tried: the refusal is immediate.
    const before = issuer.requests();
    await expect(metadata.getKey('rotated-key')).rejects.toBeInstanceOf(SigningKeysUnavailableError);
    expect(issuer.requests()).toBe(before);
  });

  it('fetches again once the endpoint answers and the Retry-After has passed', async () => {
    const metadata = new OpenIdMetadata(issuer.metadataUrl);
    issuer.setHanging(false);
    clock += 6000;
    const before = issuer.requests();
    expect(await within(metadata.getKey('test-signing-key'))).toMatchObject({ endorsements: ['test'] });
    await expect.poll(() => issuer.requests()).toBe(before + 2);
    expect(await metadata.getKey('unknown-key-id')).toBeNull();
    // An unknown key id soon after a fetch does not fetch again (forged tokens cannot make the bot hammer the endpoint).
    expect(issuer.requests()).toBe(before + 2);
  });
});
