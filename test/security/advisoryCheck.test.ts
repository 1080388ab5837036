/**
 * `npm run check:advisories` runs npm audit first and says which check ran: against a loopback stand-in
 * for the registry's advisory endpoint it reports npm audit's findings; when the endpoint accepts
 * connections and never answers, npm audit is cut off after its time limit and the check falls back to
 * the hand-kept list, saying plainly that it is not a full audit and which packages it covers.
 */
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAdvisories } from '../../scripts/checkAdvisories';
import { startBlackhole, type Blackhole } from '../reliability/blackholeServer';

const root = path.resolve(__dirname, '../..');
const servers: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** npm's settings for a registry on loopback (no proxy in between). */
function registryEnv(origin: string): NodeJS.ProcessEnv {
  return { ...process.env, npm_config_registry: `${origin}/`, npm_config_proxy: '', npm_config_https_proxy: '', npm_config_noproxy: '127.0.0.1', npm_config_audit: 'true' };
}

/** A stand-in for the registry's bulk advisory endpoint answering `advisories`. */
async function startAdvisoryEndpoint(advisories: Record<string, unknown[]>): Promise<{ origin: string; bulkRequests: () => number }> {
  let bulk = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/-/npm/v1/security/advisories/bulk') {
        bulk += 1;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(advisories));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  const address = server.address();
  return { origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, bulkRequests: () => bulk };
}

describe('the advisory check', () => {
  it('uses npm audit when its endpoint answers, and says so', async () => {
    const endpoint = await startAdvisoryEndpoint({});
    const result = await checkAdvisories(root, 20_000, registryEnv(endpoint.origin));
    expect(endpoint.bulkRequests()).toBeGreaterThan(0);
    expect(result.ran).toBe('npm-audit');
    expect(result.exitCode).toBe(0);
    expect(result.lines[0]).toMatch(/^Advisory check: npm audit .*: 0 vulnerable package\(s\)\.$/);
  }, 60_000);

  it('fails with what npm audit found', async () => {
    const endpoint = await startAdvisoryEndpoint({
      zod: [{ id: 1, url: 'https://github.com/advisories/GHSA-test', title: 'test advisory', severity: 'high', vulnerable_versions: '<99.0.0', cwe: [], cvss: { score: 7.5, vectorString: null } }],
    });
    const result = await checkAdvisories(root, 20_000, registryEnv(endpoint.origin));
    expect(result.ran).toBe('npm-audit');
    expect(result.exitCode).toBe(1);
    expect(result.lines).toContain('  zod: high');
  }, 60_000);

  it('gives npm audit a short time limit against a blackholed endpoint, then falls back and says what it covers', async () => {
    const blackhole: Blackhole = await startBlackhole();
    servers.push(blackhole);
    const result = await checkAdvisories(root, 3000, registryEnv(blackhole.origin));
    expect(blackhole.connections()).toBeGreaterThan(0);
    expect(result.ran).toBe('known-advisories');
    expect(result.exitCode).toBe(0);
    expect(result.lines[0]).toMatch(/^Advisory check: npm audit gave no report \(/);
    expect(result.lines[1]).toBe('Fell back to scripts/knownAdvisories.ts, a hand-kept list covering only find-my-way, send, axios, uuid — not a full audit.');
  }, 60_000);
});
