/**
 * Per-address rate limits on the public endpoints — the page and its files, the token endpoint (a
 * stricter limit on top) and the built-in Direct Line — as one restify handler that runs before the
 * routes. Not limited here: /api/messages (limited per conversation in its route), health probes,
 * /metrics, and the Bot Connector routes the bot itself calls on its serviceUrl over loopback.
 */
import type * as restify from 'restify';
import { clientAddress } from './clientAddress';
import type { ServerMetrics } from './metrics';
import type { RateLimiter } from './rateLimiter';

/** Options of {@link publicRateLimitHandler}. */
export interface PublicRateLimitOptions {
  /** Every public request, per client address. */
  clientLimiter: RateLimiter;
  /** `POST /api/directline/token` in addition, per client address. */
  tokenLimiter: RateLimiter;
  /** Proxies whose X-Forwarded-For is trusted. */
  trustProxyHops: number;
  metrics?: ServerMetrics;
}

/** Paths that are never limited per address. */
export const unlimitedPaths: readonly string[] = ['/api/messages', '/healthz', '/readyz', '/metrics'];
/** The token endpoint's path. */
export const tokenPath = '/api/directline/token';
/** Prefix of the Bot Connector routes the bot calls (its replies to the built-in Direct Line). */
export const botConnectorPrefix = '/v3/conversations/';

/** A restify handler (`server.use`) that answers 429 with Retry-After over the limit. */
export function publicRateLimitHandler(options: PublicRateLimitOptions): restify.RequestHandler {
  return (req: restify.Request, res: restify.Response, next: restify.Next) => {
    const path = req.getPath();
    if (unlimitedPaths.includes(path) || path.startsWith(botConnectorPrefix)) return next();
    const address = clientAddress(req, options.trustProxyHops);
    const limiters: Array<[string, RateLimiter]> = [['client', options.clientLimiter]];
    if (path === tokenPath) limiters.push(['token', options.tokenLimiter]);
    void (async () => {
      for (const [scope, limiter] of limiters) {
        const decision = await limiter.take(address);
        if (!decision.allowed) {
          options.metrics?.rateLimited.inc({ scope });
          res.header('Retry-After', String(decision.retryAfterSeconds));
          res.header('Cache-Control', 'no-store');
          res.send(429, { error: { code: 'TooManyRequests', message: 'Too many requests. Please wait a moment and try again.' } });
          return next(false);
        }
      }
      next();
    })().catch(() => next()); // A failing limiter (Redis down) lets the request through rather than failing it.
  };
}
