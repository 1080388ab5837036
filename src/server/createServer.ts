/**
 * The HTTP server: restify with body and query parsing, security headers, per-address rate limits on the
 * public routes, the bot's `POST /api/messages` (see messagesRoute.ts), the health endpoints, `/metrics`,
 * and a hook where channels (Direct Line, the Web Chat page) add their own routes. Nothing here knows
 * botbuilder: the bot's endpoint comes in as plain functions. `close()` drains: it stops accepting,
 * lets in-flight requests finish (up to a grace time) and then closes.
 */
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { registerHealthRoutes, type ReadinessReport } from './healthRoutes';
import type { HttpErrorWording } from './httpErrorWording';
import { describeError, type Logger } from './logger';
import { messagesHandler, type MessageHandler, type RequestAuthenticator } from './messagesRoute';
import { registerMetricsRoute, type ServerMetrics } from './metrics';
import { publicRateLimitHandler } from './publicRateLimits';
import { createMemoryRateLimiter, unlimited, type RateLimiter } from './rateLimiter';
import { trackRequests } from './requestTracker';
import { securityHeadersHandler } from './securityHeaders';
import { createServiceUrlPolicy } from './serviceUrlPolicy';

export type { MessageHandler } from './messagesRoute';

/** What a channel's route registration gets besides the server. */
export interface ChannelRouteContext {
  /**
   * The loopback base URL of this server, e.g. `http://127.0.0.1:3978` (no trailing slash). Known
   * once the server listens: call it inside handlers, not at registration time (it throws before).
   */
  baseUrl(): string;
  /** Logger for the channel (never log message text). */
  logger: Logger;
}

/**
 * Adds a channel's routes (e.g. `registerDirectLine`, `registerWebChat`). Called once, after the
 * server's own routes. JSON bodies are already parsed into `req.body` and query strings into
 * `req.query`. Reserved paths: `/api/messages`, `/healthz`, `/readyz`, `/metrics`.
 */
export type ChannelRegistration = (server: restify.Server, context: ChannelRouteContext) => void;

/** Rate limiters of the server; a missing one does not limit. */
export interface ServerRateLimiters {
  /** `/api/messages` per conversation. */
  conversation?: RateLimiter;
  /** Public routes per client address. */
  client?: RateLimiter;
  /** `POST /api/directline/token` per client address (on top of `client`). */
  token?: RateLimiter;
}

/** Options of {@link createServer}. */
export interface CreateServerOptions {
  /** The bot's endpoint for `POST /api/messages`. */
  handleMessages: MessageHandler;
  /** Readiness for `GET /readyz` (knowledge loaded, index built, storage answering). */
  readiness: () => ReadinessReport | Promise<ReadinessReport>;
  /** Server logger. */
  logger: Logger;
  /** Channel route registrations, applied in order. Default: none. */
  registerChannels?: ChannelRegistration[];
  /** Largest accepted request body in bytes. Default: 262144 (256 KiB). */
  maxBodyBytes?: number;
  /** Error messages of `/api/messages` (`messages` of `dialogs/httpErrors.json`). Default: the repository's file. */
  messageErrors?: HttpErrorWording['messages'];
  /** Checks Bot Framework tokens on /api/messages (with an App ID). Default: none (local mode). */
  authenticate?: RequestAuthenticator;
  /**
   * Origins the bot may reply to when requests are not authenticated, besides this server itself (which
   * the built-in Direct Line uses). Ignored with `authenticate`. Default: only this server.
   */
  allowedServiceUrls?: string[];
  /** Rate limiters. Default: none. */
  rateLimiters?: ServerRateLimiters;
  /** Reverse proxies whose X-Forwarded-For is trusted. Default: 0. */
  trustProxyHops?: number;
  /** Metrics for `GET /metrics`. Default: no metrics route. */
  metrics?: ServerMetrics;
  /** Bearer token `/metrics` requires. Default: none. */
  metricsToken?: string;
  /** How long `close()` lets in-flight requests finish, in ms. Default: 10000. */
  shutdownGraceMs?: number;
}

/** Defaults of the optional {@link CreateServerOptions}. */
export const defaultCreateServerOptions = {
  registerChannels: [] as ChannelRegistration[],
  maxBodyBytes: 256 * 1024,
  trustProxyHops: 0,
  shutdownGraceMs: 10_000,
};

/** The path of the bot's messaging endpoint. */
export const messagesPath = '/api/messages';

/** A created (not yet listening) server. */
export interface AssistantServer {
  /** The underlying restify server (for channels and tests that add routes). */
  server: restify.Server;
  /** Starts listening; resolves with the bound address. Port 0 picks a free port. */
  listen(port: number, host?: string): Promise<ListeningAddress>;
  /** Stops accepting connections, lets in-flight requests finish (up to the grace time), resolves when closed. */
  close(): Promise<void>;
  /** Same as {@link ChannelRouteContext.baseUrl}. */
  baseUrl(): string;
  /** Requests being answered now. */
  inFlight(): number;
}

/** Where a server listens. */
export interface ListeningAddress {
  /** The bound port. */
  port: number;
  /** The loopback base URL, e.g. `http://127.0.0.1:3978`. */
  url: string;
}

/** Creates a memory rate limiter for `perMinute` (0: no limit). */
export function memoryLimiter(perMinute: number): RateLimiter {
  return perMinute > 0 ? createMemoryRateLimiter({ perMinute }) : unlimited;
}

/** Builds the restify server with all routes; call `listen` to start it. */
export function createServer(options: CreateServerOptions): AssistantServer {
  const { readiness, logger, metrics } = options;
  const registerChannels = options.registerChannels ?? defaultCreateServerOptions.registerChannels;
  const maxBodyBytes = options.maxBodyBytes ?? defaultCreateServerOptions.maxBodyBytes;
  const limiters = options.rateLimiters ?? {};
  const server = restify.createServer({ name: 'spine-assistant', handleUncaughtExceptions: false });
  const tracker = trackRequests(server.server);
  let address: ListeningAddress | undefined;

  server.use(securityHeadersHandler());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyReader({ maxBodySize: maxBodyBytes }));
  server.use(restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false }));
  server.use(
    publicRateLimitHandler({
      clientLimiter: limiters.client ?? unlimited,
      tokenLimiter: limiters.token ?? unlimited,
      trustProxyHops: options.trustProxyHops ?? defaultCreateServerOptions.trustProxyHops,
      metrics,
    }),
  );

  server.post(
    messagesPath,
    messagesHandler({
      handleMessages: options.handleMessages,
      authenticate: options.authenticate,
      serviceUrlPolicy: options.authenticate ? undefined : createServiceUrlPolicy(options.allowedServiceUrls ?? [], () => address?.url),
      conversationLimiter: limiters.conversation ?? unlimited,
      ...(options.messageErrors ? { errors: options.messageErrors } : {}),
      logger,
      metrics,
    }),
  );
  registerHealthRoutes(server, async () => {
    const report = await readiness();
    // A draining server is not ready: load balancers stop sending it new requests.
    return tracker.draining() ? { ready: false, checks: { ...report.checks, accepting: false } } : report;
  });
  if (metrics) registerMetricsRoute(server, metrics, options.metricsToken);

  server.on('after', (_req: restify.Request, res: restify.Response) => {
    metrics?.httpResponses.inc({ status_class: `${Math.floor(res.statusCode / 100)}xx` });
    if (res.statusCode >= 500) metrics?.errors.inc({ kind: 'http_5xx' });
  });
  server.on('restifyError', (req: restify.Request, res: restify.Response, error: Error, callback: () => void) => {
    // Client errors (404 from scanners, 413, malformed JSON, …) are routine; server errors are not.
    const level = res.statusCode >= 500 ? 'warn' : 'debug';
    logger[level]('http.error', { method: req.method, path: req.getPath(), status: res.statusCode, ...describeError(error) });
    callback();
  });

  const baseUrl = (): string => {
    if (!address) throw new Error('createServer: the server is not listening yet, so its base URL is unknown');
    return address.url;
  };
  for (const register of registerChannels) register(server, { baseUrl, logger });

  return {
    server,
    baseUrl,
    inFlight: () => tracker.inFlight(),
    listen: (port, host) =>
      new Promise<ListeningAddress>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => {
          server.server.off('error', reject);
          const bound = server.address() as AddressInfo;
          address = { port: bound.port, url: `http://${loopbackHost(host)}:${bound.port}` };
          resolve(address);
        });
      }),
    close: () => tracker.drain(options.shutdownGraceMs ?? defaultCreateServerOptions.shutdownGraceMs),
  };
}

/** Options of {@link startServer}: the server's options plus where to listen. */
export interface StartServerOptions extends CreateServerOptions {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Interface to bind. Default: all interfaces. */
  host?: string;
}

/** A listening server. */
export interface RunningServer extends ListeningAddress {
  /** The underlying restify server. */
  server: restify.Server;
  /** Stops the server (draining in-flight requests first). */
  close(): Promise<void>;
  /** Requests being answered now. */
  inFlight(): number;
}

/** Creates the server and starts listening. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const assistantServer = createServer(options);
  const address = await assistantServer.listen(options.port, options.host);
  options.logger.info('server.listening', { port: address.port, host: options.host ?? null });
  return { ...address, server: assistantServer.server, close: assistantServer.close, inFlight: assistantServer.inFlight };
}

function loopbackHost(host: string | undefined): string {
  if (host === undefined || host === '' || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
