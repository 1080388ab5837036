/**
 * Prometheus metrics (prom-client) on `GET /metrics`: turns by channel, activity type and result, reply
 * outcomes, turn latency, state conflicts, errors, rate-limited requests and HTTP responses by status
 * class, plus the process's default metrics. Each server has its own registry (no global state).
 */
import { timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type * as restify from 'restify';
import type { TurnObserver, TurnReport } from '../bot/middleware/turnObserverMiddleware';
import type { Logger } from './logger';

/** The metrics of one server. */
export interface ServerMetrics {
  registry: Registry;
  turns: Counter<'channel' | 'activity_type' | 'result'>;
  outcomes: Counter<'outcome'>;
  turnDuration: Histogram<'result'>;
  stateConflicts: Counter;
  errors: Counter<'kind'>;
  rateLimited: Counter<'scope'>;
  httpResponses: Counter<'status_class'>;
}

/** The path of the metrics endpoint. */
export const metricsPath = '/metrics';

/** Creates a registry with the assistant's metrics and the default process metrics. */
export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'spine_assistant_' });
  const registers = [registry];
  return {
    registry,
    turns: new Counter({ name: 'spine_assistant_turns_total', help: 'Bot turns by channel, activity type and result', labelNames: ['channel', 'activity_type', 'result'], registers }),
    outcomes: new Counter({ name: 'spine_assistant_reply_outcomes_total', help: 'Replies sent, by channelData.outcome', labelNames: ['outcome'], registers }),
    turnDuration: new Histogram({
      name: 'spine_assistant_turn_duration_seconds',
      help: 'Time from the start to the end of a bot turn',
      labelNames: ['result'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    stateConflicts: new Counter({ name: 'spine_assistant_state_conflicts_total', help: 'Turn runs that lost an eTag race and ran again', registers }),
    errors: new Counter({ name: 'spine_assistant_errors_total', help: 'Errors: failed turns and 5xx responses', labelNames: ['kind'], registers }),
    rateLimited: new Counter({ name: 'spine_assistant_rate_limited_total', help: 'Requests refused with 429, by limit', labelNames: ['scope'], registers }),
    httpResponses: new Counter({ name: 'spine_assistant_http_responses_total', help: 'HTTP responses by status class', labelNames: ['status_class'], registers }),
  };
}

/**
 * Most distinct values a label taken from a request (channel, activity type) gets; later new values are
 * counted as `other`. Every label value is a series kept for the life of the process, so values chosen by
 * callers (junk channel ids in local mode) must not grow them without bound.
 */
export const maxRequestLabelValues = 32;

/** The label value for `value`: itself (cut to 32 characters) while fewer than `max` values were seen, else `other`. */
function boundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    const label = value.slice(0, 32);
    if (seen.has(label)) return label;
    if (seen.size >= max) return 'other';
    seen.add(label);
    return label;
  };
}

/** Logs each turn (ids, outcomes, latency — text only in debug mode) and counts it. */
export function createTurnReporter(metrics: ServerMetrics, logger: Logger): TurnObserver {
  const channelLabel = boundedLabel(maxRequestLabelValues);
  const activityTypeLabel = boundedLabel(maxRequestLabelValues);
  return {
    turnFinished(report: TurnReport) {
      metrics.turns.inc({ channel: channelLabel(report.channelId), activity_type: activityTypeLabel(report.activityType), result: report.result });
      for (const outcome of report.outcomes) metrics.outcomes.inc({ outcome });
      metrics.turnDuration.observe({ result: report.result }, report.latencyMs / 1000);
      if (report.attempts > 1) metrics.stateConflicts.inc(report.attempts - 1);
      if (report.result === 'error') metrics.errors.inc({ kind: 'turn' });
      const level = report.result === 'error' ? 'warn' : 'info';
      logger[level]('turn.completed', {
        conversation: report.conversation,
        channelId: report.channelId,
        activityType: report.activityType,
        result: report.result,
        outcomes: report.outcomes,
        attempts: report.attempts,
        latencyMs: report.latencyMs,
        ...(report.debugText !== undefined ? { debugText: report.debugText } : {}),
      });
    },
  };
}

/** Registers `GET /metrics`; with `token` set, only `Authorization: Bearer <token>` gets it. */
export function registerMetricsRoute(server: restify.Server, metrics: ServerMetrics, token?: string): void {
  server.get(metricsPath, async (req: restify.Request, res: restify.Response) => {
    if (token !== undefined && !sameSecret(req.header('authorization') ?? '', `Bearer ${token}`)) {
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'A metrics token is required.' });
      return;
    }
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
    res.end(body);
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
