/**
 * The agent console's JSON API under `/agent/api/`: sign-in and sign-out, the queue, one conversation
 * with its transcript and suggested quotes, take, write, send a quote, hand back or close. Every route
 * but sign-in needs a live session; every POST needs the `X-Agent-Console` header (a cross-site form
 * cannot send it) on top of the SameSite=Strict cookie. Bodies are validated with zod. Nothing here logs
 * message text.
 */
import type * as restify from 'restify';
import { z } from 'zod';
import type { HandoffDesk, DeskResult } from '../../bot/handoff/handoffDesk';
import type { HandoffRecord } from '../../handoff/handoffRecord';
import type { HandoffWording } from '../../handoff/handoffWording';
import type { Logger } from '../../server/logger';
import { clientAddress } from '../../server/clientAddress';
import { jsonBody, routeParam, sendJson } from '../directLine/directLineHttp';
import type { AgentSession, AgentSessions } from './agentSessions';
import type { LoginThrottle } from './loginThrottle';
import { summarizeScreening } from './screeningDigest';

/** Paths of the console's API. */
export const agentApiPaths = {
  login: '/agent/api/login',
  logout: '/agent/api/logout',
  me: '/agent/api/me',
  queue: '/agent/api/queue',
  conversation: '/agent/api/conversations/:id',
  take: '/agent/api/conversations/:id/take',
  messages: '/agent/api/conversations/:id/messages',
  quotes: '/agent/api/conversations/:id/quotes',
  end: '/agent/api/conversations/:id/end',
} as const;

/** The header every POST must carry. */
export const agentConsoleHeader = 'x-agent-console';

const loginSchema = z.object({ name: z.string().trim().min(1).max(60), token: z.string().min(1).max(512) });
const messageSchema = z.object({ text: z.string().trim().min(1).max(2000) });
const quoteSchema = z.object({ line: z.number().int().min(0), documentId: z.string().min(1).max(200), start: z.number().int().min(0), end: z.number().int().min(0) });
const endSchema = z.object({ mode: z.enum(['hand-back', 'close']) });
const idPattern = /^[0-9a-f]{32}$/;

/** What the API routes need. */
export interface AgentConsoleApiOptions {
  desk: HandoffDesk;
  sessions: AgentSessions;
  wording: HandoffWording;
  /** Failed sign-ins per name and address (see loginThrottle.ts). */
  loginThrottle: LoginThrottle;
  trustProxyHops: number;
  logger: Logger;
  now: () => number;
}

type Handler = (req: restify.Request, res: restify.Response, session: AgentSession) => Promise<void>;

/** Adds the API routes. */
export function registerAgentConsoleApi(server: restify.Server, options: AgentConsoleApiOptions): void {
  const { desk, sessions, logger } = options;
  const authed = (method: 'get' | 'post', path: string, handler: Handler): void => {
    server[method](path, async (req: restify.Request, res: restify.Response) => {
      if (method === 'post' && req.header(agentConsoleHeader) !== '1') return sendJson(res, 403, { error: 'missing-console-header' });
      const session = await sessions.find(req.header('cookie'));
      if (!session) return sendJson(res, 401, { error: 'signed-out' });
      await handler(req, res, session);
    });
  };

  server.post(agentApiPaths.login, async (req: restify.Request, res: restify.Response) => {
    if (req.header(agentConsoleHeader) !== '1') return sendJson(res, 403, { error: 'missing-console-header' });
    const address = clientAddress(req, options.trustProxyHops);
    const body = loginSchema.safeParse(jsonBody(req));
    const name = body.success ? body.data.name : '';
    const decision = options.loginThrottle.check(address, name);
    if (!decision.allowed) {
      res.header('Retry-After', String(decision.retryAfterSeconds));
      logger.warn('agentConsole.loginLimited', {});
      return sendJson(res, 429, { error: 'too-many-attempts' });
    }
    if (!body.success || !sessions.checkToken(body.data.token)) {
      options.loginThrottle.failed(address, name);
      logger.warn('agentConsole.loginRefused', { reason: body.success ? 'token' : 'body' });
      return sendJson(res, 401, { error: 'refused' });
    }
    options.loginThrottle.succeeded(address, name);
    res.header('Set-Cookie', await sessions.start(body.data.name));
    logger.info('agentConsole.signedIn', {});
    sendJson(res, 200, { name: body.data.name });
  });
  authed('post', agentApiPaths.logout, async (_req, res, session) => {
    res.header('Set-Cookie', await sessions.end(session));
    sendJson(res, 200, {});
  });
  authed('get', agentApiPaths.me, async (_req, res, session) => sendJson(res, 200, { name: session.name, expiresAt: session.expiresAt }));

  authed('get', agentApiPaths.queue, async (_req, res, session) => {
    const open = await desk.list();
    sendJson(res, 200, { conversations: open.map((record) => summary(record, session, options)) });
  });

  const withId = (handler: (id: string, req: restify.Request, res: restify.Response, session: AgentSession) => Promise<void>): Handler =>
    async (req, res, session) => {
      const id = routeParam(req, 'id');
      if (!idPattern.test(id)) return sendJson(res, 404, { error: 'not-found' });
      await handler(id, req, res, session);
    };

  authed('get', agentApiPaths.conversation, withId(async (id, _req, res, session) => {
    const view = await desk.view(id);
    if (!view) return sendJson(res, 404, { error: 'not-found' });
    sendJson(res, 200, { ...summary(view.record, session, options), lines: view.lines });
  }));
  authed('post', agentApiPaths.take, withId(async (id, _req, res, session) => answer(res, await desk.take(id, session))));
  authed('post', agentApiPaths.messages, withId(async (id, req, res, session) => {
    const body = messageSchema.safeParse(jsonBody(req));
    if (!body.success) return sendJson(res, 400, { error: 'bad-body' });
    answer(res, await desk.sendText(id, session, body.data.text));
  }));
  authed('post', agentApiPaths.quotes, withId(async (id, req, res, session) => {
    const body = quoteSchema.safeParse(jsonBody(req));
    if (!body.success) return sendJson(res, 400, { error: 'bad-body' });
    answer(res, await desk.sendQuote(id, session, body.data));
  }));
  authed('post', agentApiPaths.end, withId(async (id, req, res, session) => {
    const body = endSchema.safeParse(jsonBody(req));
    if (!body.success) return sendJson(res, 400, { error: 'bad-body' });
    answer(res, await desk.end(id, session, body.data.mode));
  }));
}

function answer(res: restify.Response, result: DeskResult): void {
  if (result.ok) sendJson(res, 200, { ok: true });
  else sendJson(res, result.status, { error: result.reason });
}

/** A conversation as the queue lists it. */
function summary(record: HandoffRecord, session: AgentSession, options: AgentConsoleApiOptions) {
  return {
    id: record.id,
    status: record.status,
    reason: record.reason,
    // An emergency is the reason staff see, with the red-flag rule's label (never the patient's words).
    reasonText: record.emergency ? options.wording.emergencyReason.split('{symptom}').join(record.emergency.label) : options.wording.reasons[record.reason],
    emergency: record.emergency?.label,
    channelId: record.channelId,
    waitingSeconds: Math.max(0, Math.round((options.now() - record.requestedAt) / 1000)),
    agent: record.agent?.name,
    mine: record.agent?.session === session.session,
    recent: record.recent,
    screening: record.screening ? summarizeScreening(record.screening) : undefined,
  };
}
