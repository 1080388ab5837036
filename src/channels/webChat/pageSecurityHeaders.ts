/**
 * Security headers of the Web Chat page, with its Content-Security-Policy.
 *
 * Scripts: only files from this server (`script-src 'self'`): no inline script, no eval. Web Chat's
 * prebuilt bundle runs without eval (the browser test sees no script-src violation).
 *
 * Styles: Web Chat styles itself at run time with emotion, which inserts `<style>` elements. Web Chat
 * passes its `nonce` prop to emotion, so instead of `'unsafe-inline'` the page gets a fresh nonce per
 * response (`style-src 'self' 'nonce-…'`), hands it to Web Chat, and inline styles without it are
 * refused. One gap in Web Chat 4.18.1: the transcript's scroll container (react-scroll-to-bottom) is
 * created without the nonce, so that single `<style>` is refused (one console error); the page's own
 * stylesheet supplies its three declarations. Style changes made from script through the CSSOM
 * (`element.style`) are not governed by CSP.
 *
 * Everything else is closed by `default-src 'none'` and opened only where the page needs it.
 */
import { randomBytes } from 'node:crypto';

/** What the policy depends on. */
export interface PageSecurityOptions {
  /** Nonce for this response's `<style>` elements (base64, fresh per response). */
  styleNonce: string;
  /** Origins besides our own the page connects to (Azure Direct Line in Azure mode), e.g. `https://directline.botframework.com`. */
  connectOrigins: string[];
  /** `frame-ancestors` sources; empty means `'none'`. */
  frameAncestors: string[];
}

/** A fresh nonce for one response. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/** The Content-Security-Policy header value of the page. */
export function pageContentSecurityPolicy(options: PageSecurityOptions): string {
  const connect = ["'self'"];
  for (const origin of options.connectOrigins) {
    // Azure's Direct Line streams over WebSocket: the same host with wss: (ws: for a local http stand-in).
    connect.push(origin, origin.replace(/^http/, 'ws'));
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", `'nonce-${options.styleNonce}'`]],
    // data: for the page's empty favicon; blob: because Web Chat turns its built-in images into blob: URLs.
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['connect-src', connect],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', options.frameAncestors.length > 0 ? options.frameAncestors : ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** All security headers of the page (HTML) response. */
export function pageSecurityHeaders(options: PageSecurityOptions): Record<string, string> {
  return {
    'Content-Security-Policy': pageContentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...(options.frameAncestors.length === 0 ? { 'X-Frame-Options': 'DENY' } : {}),
    'Cache-Control': 'no-store',
  };
}

/** Headers of the page's static files (scripts, styles). */
export const assetSecurityHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
