/**
 * The Web Chat page over HTTP against the real server: what `GET /` says (clinic name, disclaimer,
 * language), its security headers and Content-Security-Policy, and how its files are served.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWebChatBundle } from '../../src/channels/webChat/webChatChannel';
import { startWebChannelHarness, type WebChannelHarness } from './webChannelHarness';

const clinicName = 'Dr. <Smith> & "Partners" Spine';
const disclaimer = 'Information only — not medical advice. In an emergency call 112.';

let harness: WebChannelHarness;
beforeAll(async () => {
  harness = await startWebChannelHarness({ env: { CLINIC_NAME: clinicName, WEBCHAT_DISCLAIMER: disclaimer, WEBCHAT_LOCALE: 'en-GB' } });
});
afterAll(async () => {
  await harness?.close();
});

/** The CSP as a map of directive → sources. */
function parsePolicy(header: string | null): Map<string, string[]> {
  const policy = new Map<string, string[]>();
  for (const directive of (header ?? '').split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) policy.set(name, sources);
  }
  return policy;
}

describe('GET /', () => {
  let response: Response;
  let html: string;
  beforeAll(async () => {
    response = await harness.request('GET', '/');
    html = await response.text();
  });

  it('is an HTML page with the configured clinic name, disclaimer and language, escaped', () => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('<h1 class="site-header__title">Dr. &lt;Smith&gt; &amp; &quot;Partners&quot; Spine</h1>');
    expect(html).toContain('<title>Spine Assistant · Dr. &lt;Smith&gt; &amp; &quot;Partners&quot; Spine</title>');
    expect(html).toContain(disclaimer);
    expect(html).not.toContain('<Smith>');
  });

  it('is usable on a phone and by assistive technology', () => {
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">');
    expect(html).not.toMatch(/maximum-scale|user-scalable=no/);
    expect(html).toMatch(/<header[^>]*>/);
    expect(html).toMatch(/<main[^>]*aria-labelledby="chat-heading"/);
    expect(html).toMatch(/<a class="skip-link" href="#chat">/);
    expect(html).toMatch(/role="status"/);
  });

  it('has a strict Content-Security-Policy: scripts from this server only, styles by nonce', () => {
    const policy = parsePolicy(response.headers.get('content-security-policy'));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src') ?? policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    const styleSources = policy.get('style-src') ?? [];
    expect(styleSources).not.toContain("'unsafe-inline'");
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(styleSources.find((source) => source.startsWith("'nonce-")) ?? '')?.[1];
    expect(nonce).toBeDefined();
    // The page script carries the nonce and hands it to Web Chat for its <style> elements.
    expect(html).toContain(`nonce="${nonce}"`);
    for (const sources of policy.values()) expect(sources).not.toContain("'unsafe-eval'");
  });

  it('has no inline script or inline style attribute', () => {
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toHaveLength(2);
    for (const tag of scripts) expect(tag).toMatch(/ src="\/webchat\/[\w.]+\.js\?v=[0-9a-f]{16}"/);
    expect(html).not.toMatch(/<script\b[^>]*>\s*[^<\s]/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it('sends the other security headers and is never cached', () => {
    expect(Object.fromEntries(['x-content-type-options', 'referrer-policy', 'x-frame-options', 'cross-origin-opener-policy', 'cache-control'].map((name) => [name, response.headers.get(name)]))).toEqual({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    expect(response.headers.get('permissions-policy')).toContain('microphone=()');
  });

  it('uses a fresh nonce for every response', async () => {
    const again = await harness.request('GET', '/');
    expect(again.headers.get('content-security-policy')).not.toBe(response.headers.get('content-security-policy'));
  });
});

describe('the page’s files', () => {
  const bundle = readFileSync(defaultWebChatBundle());

  async function assetUrl(name: string): Promise<string> {
    const html = await (await harness.request('GET', '/')).text();
    const url = new RegExp(`"(/webchat/${name.replace('.', '\\.')}\\?v=[0-9a-f]{16})"`).exec(html)?.[1];
    if (!url) throw new Error(`the page does not link ${name}`);
    return url;
  }

  it('serves Web Chat’s own bundle from node_modules (no CDN), compressed, cacheable, revalidated by ETag', async () => {
    const url = await assetUrl('webchat.js');
    const plain = await harness.request('GET', url, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await plain.arrayBuffer()).equals(bundle)).toBe(true);

    // fetch decodes brotli itself; the header shows it was compressed on the wire.
    const compressed = await harness.request('GET', url, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(compressed.headers.get('content-encoding')).toBe('br');
    expect(Number(compressed.headers.get('content-length'))).toBeLessThan(bundle.length / 3);
    expect(Buffer.from(await compressed.arrayBuffer()).equals(bundle)).toBe(true);

    const etag = plain.headers.get('etag') ?? '';
    const revalidated = await harness.request('GET', url, { headers: { 'If-None-Match': etag } });
    expect(revalidated.status).toBe(304);
  });

  it('serves the page’s script and stylesheet', async () => {
    const script = await harness.request('GET', await assetUrl('chatPage.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('/api/directline/token');
    const css = await harness.request('GET', await assetUrl('chatPage.css'));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });
});

describe('framing', () => {
  it('may be allowed for the clinic’s own site with WEBCHAT_FRAME_ANCESTORS', async () => {
    const framed = await startWebChannelHarness({ env: { WEBCHAT_FRAME_ANCESTORS: "'self' https://www.example-clinic.org" } });
    try {
      const response = await framed.request('GET', '/');
      expect(parsePolicy(response.headers.get('content-security-policy')).get('frame-ancestors')).toEqual([
        "'self'",
        'https://www.example-clinic.org',
      ]);
      expect(response.headers.get('x-frame-options')).toBeNull();
    } finally {
      await framed.close();
    }
  });
});
