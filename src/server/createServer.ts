/**
 * The HTTP server: restify with body and query parsing, the bot's `POST /api/messages`, the health
 * endpoints, and a hook where channels (Direct Line, the Web Chat page) add their own routes.
 * Nothing here knows botbuilder: the bot's endpoint comes in as a plain request handler.
 */
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { registerHealthRoutes, type ReadinessReport } from './healthRoutes';
import { describeError, type Logger } from './logger';

/** Handles one `POST /api/messages` request and writes the response (the bot adapter's `process`). */
export type MessageHandler = (req: restify.Request, res: restify.Response) => Promise<void>;

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
 * `req.query`. Reserved paths: `/api/messages`, `/healthz`, `/readyz`.
 */
export type ChannelRegistration = (server: restify.Server, context: ChannelRouteContext) => void;

/** Options of {@link createServer}. */
export interface CreateServerOptions {
  /** The bot's endpoint for `POST /api/messages`. */
  handleMessages: MessageHandler;
  /** Readiness for `GET /readyz` (knowledge loaded, index built). */
  readiness: () => ReadinessReport;
  /** Server logger. */
  logger: Logger;
  /** Channel route registrations, applied in order. Default: none. */
  registerChannels?: ChannelRegistration[];
  /** Largest accepted request body in bytes. Default: 262144 (256 KiB). */
  maxBodyBytes?: number;
}

/** Defaults of the optional {@link CreateServerOptions}. */
export const defaultCreateServerOptions = { registerChannels: [] as ChannelRegistration[], maxBodyBytes: 256 * 1024 };

/** The path of the bot's messaging endpoint. */
export const messagesPath = '/api/messages';

/** A created (not yet listening) server. */
export interface AssistantServer {
  /** The underlying restify server (for channels and tests that add routes). */
  server: restify.Server;
  /** Starts listening; resolves with the bound address. Port 0 picks a free port. */
  listen(port: number, host?: string): Promise<ListeningAddress>;
  /** Stops accepting connections, closes open ones, resolves when closed. */
  close(): Promise<void>;
  /** Same as {@link ChannelRouteContext.baseUrl}. */
  baseUrl(): string;
}

/** Where a server listens. */
export interface ListeningAddress {
  /** The bound port. */
  port: number;
  /** The loopback base URL, e.g. `http://127.0.0.1:3978`. */
  url: string;
}

/** Builds the restify server with all routes; call `listen` to start it. */
export function createServer(options: CreateServerOptions): AssistantServer {
  const { handleMessages, readiness, logger } = options;
  const registerChannels = options.registerChannels ?? defaultCreateServerOptions.registerChannels;
  const maxBodyBytes = options.maxBodyBytes ?? defaultCreateServerOptions.maxBodyBytes;
  const server = restify.createServer({ name: 'spine-assistant', handleUncaughtExceptions: false });
  let address: ListeningAddress | undefined;

  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyReader({ maxBodySize: maxBodyBytes }));
  server.use(restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false }));

  server.post(messagesPath, async (req: restify.Request, res: restify.Response) => {
    try {
      await handleMessages(req, res);
    } catch (error) {
      // A body that is not an activity makes the adapter throw before it answers.
      logger.warn('messages.rejected', describeError(error));
      if (!res.headersSent) res.send(400, { error: 'The request body is not a valid activity.' });
    }
  });
  registerHealthRoutes(server, readiness);

  server.on('restifyError', (req: restify.Request, res: restify.Response, error: Error, callback: () => void) => {
    // Client errors (404 from scanners, 413, …) are routine; server errors are not.
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeAllConnections();
      }),
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
  /** Stops the server. */
  close(): Promise<void>;
}

/** Creates the server and starts listening. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const assistantServer = createServer(options);
  const address = await assistantServer.listen(options.port, options.host);
  options.logger.info('server.listening', { port: address.port, host: options.host ?? null });
  return { ...address, server: assistantServer.server, close: assistantServer.close };
}

function loopbackHost(host: string | undefined): string {
  if (host === undefined || host === '' || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
