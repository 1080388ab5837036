/**
 * Small HTTP helpers shared by the Direct Line routes: JSON answers that are never cached, errors in
 * Direct Line's `{ error: { code, message } }` shape, and typed access to route parameters.
 */
import type * as restify from 'restify';
import type { DirectLineFailure } from './directLineService';

/** Sends `body` as JSON with headers that keep tokens and messages out of caches. */
export function sendJson(res: restify.Response, status: number, body: unknown): void {
  res.header('Cache-Control', 'no-store');
  res.header('X-Content-Type-Options', 'nosniff');
  res.send(status, body);
}

/** Sends a Direct Line error. */
export function sendFailure(res: restify.Response, failure: DirectLineFailure): void {
  if (failure.retryAfterSeconds !== undefined) res.header('Retry-After', String(failure.retryAfterSeconds));
  sendJson(res, failure.status, { error: { code: failure.code, message: failure.message } });
}

/** Sends a 400 for a request whose body or query did not validate. */
export function sendBadRequest(res: restify.Response, message: string): void {
  sendFailure(res, { status: 400, code: 'BadArgument', message });
}

/** A route parameter as a string ('' when absent). */
export function routeParam(req: restify.Request, name: string): string {
  const params: unknown = req.params;
  if (typeof params !== 'object' || params === null) return '';
  const value: unknown = (params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/** A query parameter (undefined when absent; an array when repeated). */
export function queryParam(req: restify.Request, name: string): unknown {
  const query: unknown = req.query;
  if (typeof query !== 'object' || query === null) return undefined;
  return (query as Record<string, unknown>)[name];
}

/** The parsed JSON body; an absent or empty body counts as `{}`. */
export function jsonBody(req: restify.Request): unknown {
  const body: unknown = req.body;
  if (body === undefined || body === null || body === '') return {};
  if (Buffer.isBuffer(body) && body.length === 0) return {};
  return body;
}
