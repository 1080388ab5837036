/**
 * Security headers on every response that does not set its own: JSON endpoints, health, metrics and
 * the staff endpoints to come get a policy that allows nothing to load or frame them. The Web Chat page
 * (`GET /`) sets its own, stricter set for HTML (src/channels/webChat/pageSecurityHeaders.ts) and is
 * left alone here, so its frame-ancestors setting is not overridden. A route that serves HTML sets its
 * own Content-Security-Policy the same way.
 */
import type * as restify from 'restify';

/** Headers of every response. */
export const baselineSecurityHeaders: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Headers of API and staff responses (everything but the page). */
export const apiSecurityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Paths whose handlers set their own security headers (the Web Chat page). */
export const pagePaths: readonly string[] = ['/'];

/** A restify handler that sets the headers before the route runs. */
export function securityHeadersHandler(): restify.RequestHandler {
  return (req: restify.Request, res: restify.Response, next: restify.Next) => {
    for (const [name, value] of Object.entries(baselineSecurityHeaders)) res.header(name, value);
    if (!pagePaths.includes(req.getPath())) {
      for (const [name, value] of Object.entries(apiSecurityHeaders)) res.header(name, value);
    }
    res.removeHeader('Server');
    next();
  };
}
