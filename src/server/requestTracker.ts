/**
 * Counts requests in flight on the HTTP server and drains them for a graceful shutdown: stop accepting
 * connections, answer requests on kept-alive connections with `Connection: close`, wait until every
 * in-flight request has finished (or the grace time is over, then close what is left).
 */
import type { Server, ServerResponse } from 'node:http';

/** The tracker of one HTTP server. */
export interface RequestTracker {
  /** Requests received and not yet answered. */
  inFlight(): number;
  /** True once {@link drain} was called. */
  draining(): boolean;
  /** Stops accepting, waits for in-flight requests up to `graceMs`, then closes every connection. */
  drain(graceMs: number): Promise<void>;
}

/** Starts tracking `server`'s requests. */
export function trackRequests(server: Server): RequestTracker {
  const active = new Set<ServerResponse>();
  let isDraining = false;
  const idleWaiters: Array<() => void> = [];
  const closeAfterAnswer = (res: ServerResponse): void => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  server.on('request', (_req, res: ServerResponse) => {
    active.add(res);
    if (isDraining) closeAfterAnswer(res);
    res.once('close', () => {
      active.delete(res);
      if (isDraining) server.closeIdleConnections();
      if (active.size === 0) idleWaiters.splice(0).forEach((wake) => wake());
    });
  });
  return {
    inFlight: () => active.size,
    draining: () => isDraining,
    async drain(graceMs) {
      isDraining = true;
      active.forEach(closeAfterAnswer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const idle = active.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
        timer.unref();
      });
      await Promise.race([idle, timeout]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
    },
  };
}
