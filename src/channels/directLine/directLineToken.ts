/**
 * Direct Line tokens of the built-in Direct Line: compact JWTs (HS256, signed and checked by
 * jsonwebtoken) with an HMAC secret. A token is scoped to one conversation and one user and expires;
 * Web Chat reads the `user` claim to know the user's id (as it does with Azure's tokens). Verification
 * never throws: it says why a token fails.
 */
import jwt from 'jsonwebtoken';
import { z } from 'zod';

/** What a token grants. */
export interface DirectLineTokenClaims {
  /** The conversation the token is for. */
  conversationId: string;
  /** The user id Web Chat sends as (`dl_…`, so the client cannot forge another user). */
  userId: string;
  /** Issued at, seconds since the epoch. */
  issuedAt: number;
  /** Expires at, seconds since the epoch. */
  expiresAt: number;
}

/** Why a token was refused: `missing`/`malformed`/`bad-signature` map to 401, `expired` to 403. */
export type TokenFailure = 'missing' | 'malformed' | 'bad-signature' | 'expired';

/** The result of {@link DirectLineTokenSigner.verify}. */
export type TokenVerification = { ok: true; claims: DirectLineTokenClaims } | { ok: false; failure: TokenFailure };

/** Issues and checks tokens. */
export interface DirectLineTokenSigner {
  /** A new token for `conversationId` and `userId`, valid for the configured lifetime from now. */
  issue(conversationId: string, userId: string): { token: string; claims: DirectLineTokenClaims };
  /** Checks signature, shape and expiry. */
  verify(token: string | undefined): TokenVerification;
  /** Token lifetime in seconds (the `expires_in` of responses). */
  readonly lifetimeSeconds: number;
}

/** Options of {@link createDirectLineTokenSigner}. */
export interface DirectLineTokenSignerOptions {
  /** HMAC key, at least 32 bytes. Tokens signed with another key are refused. */
  secret: Buffer;
  /** Token lifetime in seconds, > 0. Default: {@link defaultTokenLifetimeSeconds}. */
  lifetimeSeconds?: number;
  /** Current time in milliseconds. Default: `Date.now`. Tests pass their own clock. */
  now?: () => number;
}

/** Default token lifetime: one hour, like Azure Direct Line. Web Chat refreshes every 15 minutes. */
export const defaultTokenLifetimeSeconds = 3600;

/** The `iss` claim of our tokens. */
export const tokenIssuer = 'spine-assistant/directline';

const payloadSchema = z.object({
  iss: z.literal(tokenIssuer),
  conv: z.string().min(1),
  user: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
});

/** Creates a signer; all tokens of one signer share its secret and lifetime. */
export function createDirectLineTokenSigner(options: DirectLineTokenSignerOptions): DirectLineTokenSigner {
  const { secret } = options;
  if (secret.length < 32) throw new Error('directLineToken: the signing secret must be at least 32 bytes');
  const lifetimeSeconds = options.lifetimeSeconds ?? defaultTokenLifetimeSeconds;
  if (!(lifetimeSeconds > 0)) throw new Error('directLineToken: lifetimeSeconds must be > 0');
  const now = options.now ?? Date.now;

  return {
    lifetimeSeconds,
    issue(conversationId, userId) {
      const issuedAt = Math.floor(now() / 1000);
      const claims: DirectLineTokenClaims = { conversationId, userId, issuedAt, expiresAt: issuedAt + lifetimeSeconds };
      const payload = { iss: tokenIssuer, conv: conversationId, user: userId, iat: issuedAt, exp: claims.expiresAt };
      return { token: jwt.sign(payload, secret, { algorithm: 'HS256' }), claims };
    },
    verify(token) {
      if (token === undefined || token === '') return { ok: false, failure: 'missing' };
      let verified: unknown;
      try {
        verified = jwt.verify(token, secret, { algorithms: ['HS256'], clockTimestamp: Math.floor(now() / 1000) });
      } catch (error) {
        if (error instanceof jwt.TokenExpiredError) return { ok: false, failure: 'expired' };
        const message = error instanceof Error ? error.message : '';
        return { ok: false, failure: /signature/.test(message) ? 'bad-signature' : 'malformed' };
      }
      const parsed = payloadSchema.safeParse(verified);
      if (!parsed.success) return { ok: false, failure: 'malformed' };
      const { conv, user, iat, exp } = parsed.data;
      return { ok: true, claims: { conversationId: conv, userId: user, issuedAt: iat, expiresAt: exp } };
    },
  };
}

/** The bearer token of an `Authorization: Bearer …` header value, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
