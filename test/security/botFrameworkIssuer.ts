/**
 * A stand-in for Bot Framework's token issuer on loopback: a locally generated RSA signing key, an
 * OpenID metadata document and its JWKS (with the key's channel endorsements), served over HTTP on
 * 127.0.0.1, and RS256 tokens signed with that key — or, for the tests of refusals, with another one.
 */
import { createServer, type Server } from 'node:http';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** Claims of a channel token (Bot Framework's names). */
export interface ChannelTokenClaims {
  iss: string;
  aud: string;
  serviceurl?: string;
  exp: number;
  nbf?: number;
  iat?: number;
  [claim: string]: unknown;
}

/** The running issuer. */
export interface TestIssuer {
  /** `http://127.0.0.1:<port>/.well-known/openid-configuration`. */
  metadataUrl: string;
  /** A token signed with the published key (or `signWith: 'unpublished'` for a key nobody published). */
  token(claims: ChannelTokenClaims, options?: { signWith?: 'published' | 'unpublished'; kid?: string }): string;
  /** Requests the metadata and key endpoints have answered. */
  requests(): number;
  /** While on, requests are accepted and never answered (a hung endpoint). */
  setHanging(hanging: boolean): void;
  close(): Promise<void>;
}

const kid = 'test-signing-key';
const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

function sign(claims: ChannelTokenClaims, key: KeyObject, keyId: string): string {
  const input = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: keyId }))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

/** Starts the issuer; `endorsements` are the channels its key may sign for. */
export async function startTestIssuer(endorsements: string[]): Promise<TestIssuer> {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const unpublished = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = published.publicKey.export({ format: 'jwk' });
  let count = 0;
  let base = '';
  let hanging = false;
  const server: Server = createServer((req, res) => {
    if (hanging) return;
    count += 1;
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [{ ...jwk, kid, use: 'sig', endorsements }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    metadataUrl: `${base}/.well-known/openid-configuration`,
    token: (claims, options = {}) =>
      sign(claims, options.signWith === 'unpublished' ? unpublished.privateKey : published.privateKey, options.kid ?? kid),
    requests: () => count,
    setHanging: (on) => {
      hanging = on;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
