/**
 * Workaround for botframework-connector 4.23.3's key fetching: `OpenIdMetadata` fetches the OpenID
 * metadata and the signing keys (JWKS) with no time limit, once per waiting request, and stops using the
 * keys it has when a refresh after 24 hours fails. A blackholed or hung endpoint then keeps every request
 * with a token open for minutes. {@link boundSigningKeyFetches} replaces `OpenIdMetadata.prototype.getKey`
 * (for every metadata URL: channel, Emulator, skills) with one that
 * - fetches with a time limit covering metadata and keys together, one fetch per URL at a time;
 * - keeps answering from the keys it has while a refresh is due or failing (the refresh runs behind);
 * - refuses requests that need keys it cannot get with {@link SigningKeysUnavailableError} (a 503 with
 *   Retry-After), and fetches again only after that Retry-After, so a dead endpoint is not hammered.
 * Everything else of token validation (issuer, audience, expiry, signature, endorsements) stays botbuilder's.
 */
import { createPublicKey } from 'node:crypto';
import { OpenIdMetadata, type IOpenIdMetadataKey } from 'botframework-connector/lib/auth/openIdMetadata';
import { z } from 'zod';

/** Options of {@link boundSigningKeyFetches}. */
export interface SigningKeyFetchOptions {
  /** Longest wait for the metadata document and the key set together, in ms. > 0. Default 5000. */
  timeoutMs: number;
  /** After a failed fetch, requests needing new keys are refused this long (their Retry-After), in seconds. ≥ 1. Default 10. */
  retryAfterSeconds: number;
  /** Keys older than this are refreshed (behind the requests that use them), in ms. Default 24 hours, as botbuilder. */
  refreshIntervalMs: number;
  /** A token with a key id not in the set fetches again at most this often, in ms. Default 1 hour, as botbuilder. */
  unknownKeyRefreshMs: number;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now: () => number;
}

/** Defaults of {@link SigningKeyFetchOptions}. */
export const defaultSigningKeyFetchOptions: SigningKeyFetchOptions = {
  timeoutMs: 5000,
  retryAfterSeconds: 10,
  refreshIntervalMs: 24 * 3_600_000,
  unknownKeyRefreshMs: 3_600_000,
  now: Date.now,
};

/** The signing keys could not be fetched (timeout, refused, bad document) and none that fit are at hand. */
export class SigningKeysUnavailableError extends Error {
  override readonly name = 'SigningKeysUnavailableError';
  constructor(
    /** When to try again, in seconds. */
    readonly retryAfterSeconds: number,
    reason: string,
  ) {
    super(`boundedSigningKeys: the Bot Framework signing keys are unavailable (${reason})`);
  }
}

const metadataSchema = z.object({ jwks_uri: z.url() });
const keySetSchema = z.object({
  keys: z.array(z.object({ kid: z.string(), n: z.string().optional(), e: z.string().optional(), endorsements: z.array(z.string()).optional() })),
});

/** Key id → key as botbuilder wants it (null for a key that is not RSA, which botbuilder refuses too). */
type KeySet = Map<string, IOpenIdMetadataKey | null>;

async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

async function fetchKeySet(metadataUrl: string, timeoutMs: number): Promise<KeySet> {
  const signal = AbortSignal.timeout(timeoutMs);
  const metadata = metadataSchema.parse(await fetchJson(metadataUrl, signal));
  const { keys } = keySetSchema.parse(await fetchJson(metadata.jwks_uri, signal));
  return new Map(
    keys.map((key) => [
      key.kid,
      key.n && key.e
        ? { key: createPublicKey({ key: { kty: 'RSA', n: key.n, e: key.e }, format: 'jwk' }).export({ type: 'pkcs1', format: 'pem' }).toString(), endorsements: key.endorsements }
        : null,
    ]),
  );
}

/** The keys of one metadata URL. */
class SigningKeySource {
  private keys: KeySet | undefined;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private failedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly metadataUrl: string,
    private readonly options: () => SigningKeyFetchOptions,
  ) {}

  async getKey(keyId: string): Promise<IOpenIdMetadataKey | null> {
    const { now, refreshIntervalMs, unknownKeyRefreshMs } = this.options();
    const age = now() - this.fetchedAt;
    const known = this.keys?.get(keyId);
    if (known !== undefined) {
      if (age >= refreshIntervalMs && !this.coolingDown()) this.refresh().catch(() => undefined);
      return known;
    }
    if (this.keys && age < unknownKeyRefreshMs) return null;
    if (this.coolingDown() && !this.inFlight) throw new SigningKeysUnavailableError(this.options().retryAfterSeconds, 'the last fetch failed');
    await this.refresh();
    return this.keys?.get(keyId) ?? null;
  }

  private coolingDown(): boolean {
    const { now, retryAfterSeconds } = this.options();
    return now() - this.failedAt < retryAfterSeconds * 1000;
  }

  /** One fetch at a time; waiting requests share it. */
  private refresh(): Promise<void> {
    this.inFlight ??= fetchKeySet(this.metadataUrl, this.options().timeoutMs)
      .then(
        (keys) => {
          this.keys = keys;
          this.fetchedAt = this.options().now();
        },
        (error: unknown) => {
          this.failedAt = this.options().now();
          const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : error instanceof Error ? error.name : 'failed';
          throw new SigningKeysUnavailableError(this.options().retryAfterSeconds, reason);
        },
      )
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}

let current: SigningKeyFetchOptions = defaultSigningKeyFetchOptions;
const sources = new Map<string, SigningKeySource>();

/**
 * Makes every `OpenIdMetadata` of botframework-connector fetch with the given limits (see the module's
 * comment). Process-wide, like botbuilder's own key cache; calling it again replaces the options.
 */
export function boundSigningKeyFetches(options: Partial<SigningKeyFetchOptions> = {}): void {
  current = { ...defaultSigningKeyFetchOptions, ...options };
  OpenIdMetadata.prototype.getKey = function getKey(this: OpenIdMetadata, keyId: string): Promise<IOpenIdMetadataKey | null> {
    // botbuilder keeps the URL in a private field; it is the one thing read from the original object.
    const url: unknown = Reflect.get(this, 'url');
    if (typeof url !== 'string') return Promise.reject(new SigningKeysUnavailableError(current.retryAfterSeconds, 'no metadata URL'));
    let source = sources.get(url);
    if (!source) {
      source = new SigningKeySource(url, () => current);
      sources.set(url, source);
    }
    return source.getKey(keyId);
  };
}
