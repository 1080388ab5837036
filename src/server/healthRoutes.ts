/**
 * `GET /healthz` (the process is alive) and `GET /readyz` (the parts the assistant needs answer: see readinessChecks.ts).
 */
import type * as restify from 'restify';

/** The answer of a readiness check. */
export interface ReadinessReport {
  /** True when every check passed. */
  ready: boolean;
  /** Named checks, e.g. `{ answersProbe: true, storage: true }`. */
  checks: Record<string, boolean>;
}

/** Paths of the health endpoints. */
export const healthPaths = { alive: '/healthz', ready: '/readyz' } as const;

/** Registers the two health endpoints. `/readyz` answers 503 until `readiness()` reports ready. */
export function registerHealthRoutes(server: restify.Server, readiness: () => ReadinessReport | Promise<ReadinessReport>): void {
  server.get(healthPaths.alive, async (_req: restify.Request, res: restify.Response) => {
    res.header('Cache-Control', 'no-store');
    res.send(200, { status: 'ok' });
  });
  server.get(healthPaths.ready, async (_req: restify.Request, res: restify.Response) => {
    const report = await readiness();
    res.header('Cache-Control', 'no-store');
    res.send(report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not-ready', checks: report.checks });
  });
}
