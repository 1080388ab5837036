/**
 * `POST /api/messages`, the bot's endpoint, in the order that keeps bad requests cheap and never lets
 * one reach the bot: the body is a JSON object of sane depth with a valid activity envelope (400), its
 * Bot Framework token is valid when the bot has an App ID (401, before anything that depends on the
 * body's claims; 503 with Retry-After when the signing keys cannot be fetched), its serviceUrl is allowed in local mode (403: no request forgery through serviceUrl),
 * and its conversation is within its rate limit (429 with Retry-After; per conversation, never per
 * address — the caller is always the channel service).
 */
import type * as restify from 'restify';
import { checkActivityEnvelope } from './activityEnvelope';
import { loadHttpErrorWording, type HttpErrorWording } from './httpErrorWording';
import { describeError, type Logger } from './logger';
import type { ServerMetrics } from './metrics';
import type { RateLimiter } from './rateLimiter';
import type { ServiceUrlPolicy } from './serviceUrlPolicy';

/** Handles one `POST /api/messages` request and writes the response (the bot adapter's `process`). */
export type MessageHandler = (req: restify.Request, res: restify.Response) => Promise<void>;

/** The fields of an activity its token is checked against. */
export interface AuthenticatedFields {
  channelId: string;
  serviceUrl: string;
  recipientRole?: string;
}

/** Checks a request's credentials; never throws. */
export type RequestAuthenticator = (
  fields: AuthenticatedFields,
  authorization: string,
) => Promise<{ ok: true } | { ok: false; status: 401; reason: string } | { ok: false; status: 503; reason: string; retryAfterSeconds: number }>;

/** What the route needs. */
export interface MessagesRouteOptions {
  handleMessages: MessageHandler;
  /** Token check. Default: none (local mode). */
  authenticate?: RequestAuthenticator;
  /** Allowed serviceUrls when requests are not authenticated. Default: none checked. */
  serviceUrlPolicy?: ServiceUrlPolicy;
  /** Limit per conversation (`channelId` + `conversation.id`). */
  conversationLimiter: RateLimiter;
  logger: Logger;
  metrics?: ServerMetrics;
  /** The error messages (`messages` of `dialogs/httpErrors.json`). Default: the repository's file. */
  errors?: HttpErrorWording['messages'];
}

/** Sends a JSON error `{ error: message }`. */
export function sendError(res: restify.Response, status: number, message: string): void {
  res.header('Cache-Control', 'no-store');
  res.send(status, { error: message });
}

/** The route's handler. */
export function messagesHandler(options: MessagesRouteOptions): MessageHandler {
  const { logger } = options;
  const errors = options.errors ?? loadHttpErrorWording().messages;
  return async (req, res) => {
    const checked = checkActivityEnvelope(req.body);
    if (!checked.ok) {
      logger.debug('messages.invalid');
      return sendError(res, 400, checked.message);
    }
    const { envelope } = checked;
    if (options.authenticate) {
      const authorization = req.header('authorization') ?? '';
      const auth = await options.authenticate(
        { channelId: envelope.channelId, serviceUrl: envelope.serviceUrl, recipientRole: envelope.recipient?.role ?? undefined },
        authorization,
      );
      if (!auth.ok && auth.status === 503) {
        // Fail closed: the token cannot be checked now (the signing keys could not be fetched in time).
        logger.warn('messages.authUnavailable', { reason: auth.reason, channelId: envelope.channelId });
        res.header('Retry-After', String(auth.retryAfterSeconds));
        return sendError(res, 503, errors.authUnavailable);
      }
      if (!auth.ok) {
        logger.info('messages.unauthorized', { reason: auth.reason, channelId: envelope.channelId });
        return sendError(res, 401, errors.unauthorized);
      }
    } else if (options.serviceUrlPolicy && envelope.deliveryMode !== 'expectReplies' && !options.serviceUrlPolicy(envelope.serviceUrl)) {
      // expectReplies gets its replies in the response; nothing is sent to the serviceUrl then.
      logger.warn('messages.serviceUrlRefused', { channelId: envelope.channelId });
      return sendError(res, 403, errors.serviceUrlRefused);
    }
    // A failing limiter (Redis down) lets the request through rather than failing it.
    const decision = await options.conversationLimiter
      .take(`${envelope.channelId}\n${envelope.conversation.id}`)
      .catch(() => ({ allowed: true, retryAfterSeconds: 0 }));
    if (!decision.allowed) {
      options.metrics?.rateLimited.inc({ scope: 'conversation' });
      res.header('Retry-After', String(decision.retryAfterSeconds));
      return sendError(res, 429, errors.tooManyMessages);
    }
    try {
      await options.handleMessages(req, res);
    } catch (error) {
      // The adapter validates the activity again; what it refuses is the client's fault.
      logger.warn('messages.rejected', describeError(error));
      if (!res.headersSent) sendError(res, 400, errors.invalidActivity);
    }
  };
}
