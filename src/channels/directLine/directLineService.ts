/**
 * The built-in Direct Line service without HTTP: tokens, conversations, the browser's activities
 * (echoed into the conversation, then delivered to the bot) and the bot's replies (appended for
 * polling). Deliveries to the bot are queued per conversation, so the welcome turn (conversationUpdate)
 * finishes before the first message is delivered and replies stay in order.
 */
import type { BotForwarder, ForwardResult } from './botForwarder';
import type { ChannelLogger } from './channelLogger';
import type { ConversationToken } from './azureDirectLineTokens';
import { newConversationId, newTokenUserId, type BotConversationIds } from './conversationIds';
import type { ClientActivity, BotActivity } from './directLineSchemas';
import type { ActivityFields, ActivityPage, DirectLineStore } from './directLineStore';
import { loadHttpErrorWording, type HttpErrorWording } from '../../server/httpErrorWording';
import { bearerToken, type DirectLineTokenClaims, type DirectLineTokenSigner } from './directLineToken';

/** A participant of a conversation. */
export interface ChannelAccount {
  id: string;
  name?: string;
}

/** Options of {@link createDirectLineService}. */
export interface DirectLineServiceOptions {
  store: DirectLineStore;
  signer: DirectLineTokenSigner;
  botConversationIds: BotConversationIds;
  /** Delivers an activity to the bot's messaging endpoint. */
  forwardToBot: BotForwarder;
  /** The serviceUrl the bot replies to (this server's loopback base URL). */
  serviceUrl: () => string;
  logger: ChannelLogger;
  /** The bot's account in activities (`recipient` of user activities). Default {@link defaultBotAccount}. */
  bot?: ChannelAccount;
  /** `channelId` of activities. Default `directline`, as Azure's Direct Line channel. */
  channelId?: string;
  /** Largest bot activity kept, in bytes of JSON. Default 65536. */
  maxBotActivityBytes?: number;
  /** Current time in milliseconds. Default `Date.now`. */
  now?: () => number;
  /** The error messages (`directLine` of `dialogs/httpErrors.json`). Default: the repository's file. */
  errors?: HttpErrorWording['directLine'];
}

/** The bot's account when none is configured. */
export const defaultBotAccount: ChannelAccount = { id: 'spine-assistant', name: 'Spine Assistant' };

/** Defaults of the optional {@link DirectLineServiceOptions}. */
export const defaultDirectLineServiceOptions = { channelId: 'directline', maxBotActivityBytes: 64 * 1024 } as const;

/** A failure the routes turn into an HTTP error: `{ error: { code, message } }`. */
export interface DirectLineFailure {
  status: 400 | 401 | 403 | 404 | 413 | 429 | 502;
  code: string;
  message: string;
  /** For 429: seconds to wait (the `Retry-After` header). */
  retryAfterSeconds?: number;
}

/** Either a value or a failure. */
export type DirectLineOutcome<T> = { ok: true; value: T } | { ok: false; failure: DirectLineFailure };

/** The Direct Line operations behind the routes. */
export interface DirectLineService {
  /** A token (and conversation id) for a new conversation; the conversation starts when the client asks. */
  issueToken(): ConversationToken;
  /** Checks an `Authorization` header, and that the token is for `conversationId` when one is given. */
  authorize(authorization: string | undefined, conversationId?: string): DirectLineOutcome<DirectLineTokenClaims>;
  /** A fresh token for the same conversation and user. */
  refreshToken(claims: DirectLineTokenClaims): ConversationToken;
  /** Starts the token's conversation (once: later calls return it) and sends the bot `conversationUpdate`. */
  startConversation(claims: DirectLineTokenClaims, locale?: string): Promise<ConversationToken>;
  /** Reconnects to a started conversation. */
  resumeConversation(claims: DirectLineTokenClaims): Promise<DirectLineOutcome<ConversationToken>>;
  /** Echoes a browser activity into the conversation and delivers it to the bot; resolves with its id. */
  postActivity(claims: DirectLineTokenClaims, activity: ClientActivity): Promise<DirectLineOutcome<{ id: string }>>;
  /** Activities after `watermark`, for polling. */
  activitiesSince(claims: DirectLineTokenClaims, watermark: number | undefined): Promise<DirectLineOutcome<ActivityPage>>;
  /** Appends a bot reply posted to the serviceUrl (`botConversationId` is the id the bot sees). */
  receiveFromBot(botConversationId: string, activity: BotActivity): Promise<DirectLineOutcome<{ id: string }>>;
}

const fail = (status: DirectLineFailure['status'], code: string, message: string): { ok: false; failure: DirectLineFailure } => ({
  ok: false,
  failure: { status, code, message },
});
/** Creates the service. */
export function createDirectLineService(options: DirectLineServiceOptions): DirectLineService {
  const { store, signer, botConversationIds, forwardToBot, serviceUrl, logger } = options;
  const bot = options.bot ?? defaultBotAccount;
  const channelId = options.channelId ?? defaultDirectLineServiceOptions.channelId;
  const maxBotActivityBytes = options.maxBotActivityBytes ?? defaultDirectLineServiceOptions.maxBotActivityBytes;
  const now = options.now ?? Date.now;
  const errors = options.errors ?? loadHttpErrorWording().directLine;
  const notFound = fail(404, 'ConversationNotFound', errors.conversationNotFound);
  const queues = new Map<string, Promise<unknown>>();

  const tokenFor = (conversationId: string, userId: string): ConversationToken => {
    const { token } = signer.issue(conversationId, userId);
    return { conversationId, token, expires_in: signer.lifetimeSeconds };
  };

  /** Runs `task` after the conversation's earlier tasks (deliveries to the bot stay in order). */
  const enqueue = <T>(conversationId: string, task: () => Promise<T>): Promise<T> => {
    const previous = queues.get(conversationId) ?? Promise.resolve();
    const next = previous.then(task, task);
    queues.set(conversationId, next);
    const forget = (): void => {
      if (queues.get(conversationId) === next) queues.delete(conversationId);
    };
    next.then(forget, forget);
    return next;
  };

  /** The activity as the bot receives it: same id, the bot-side conversation id, recipient and serviceUrl. */
  const toBot = (activity: ActivityFields, conversationId: string): ActivityFields => ({
    ...activity,
    serviceUrl: serviceUrl(),
    channelId,
    conversation: { id: botConversationIds.toBot(conversationId) },
    recipient: { ...bot, role: 'bot' },
  });

  const logDelivery = (result: ForwardResult, type: string): void => {
    if (!result.ok) logger.warn('directline.delivery.failed', { reason: result.reason, status: result.status, activityType: type });
  };

  return {
    issueToken: () => tokenFor(newConversationId(), newTokenUserId()),

    authorize(authorization, conversationId) {
      const verification = signer.verify(bearerToken(authorization));
      if (!verification.ok) {
        if (verification.failure === 'expired') return fail(403, 'TokenExpired', errors.tokenExpired);
        if (verification.failure === 'missing') return fail(401, 'MissingToken', errors.missingToken);
        return fail(401, 'InvalidToken', errors.invalidToken);
      }
      if (conversationId !== undefined && verification.claims.conversationId !== conversationId) {
        return fail(403, 'TokenNotForConversation', errors.tokenNotForConversation);
      }
      return { ok: true, value: verification.claims };
    },

    refreshToken: (claims) => tokenFor(claims.conversationId, claims.userId),

    async startConversation(claims, locale) {
      const { conversationId, userId } = claims;
      const { created } = await store.startConversation(conversationId, userId);
      if (created) {
        logger.info('directline.conversation.started');
        const update: ActivityFields = {
          type: 'conversationUpdate',
          id: `${conversationId}|start`,
          timestamp: new Date(now()).toISOString(),
          from: { id: userId, role: 'user' },
          membersAdded: [{ ...bot, role: 'bot' }, { id: userId, role: 'user' }],
          ...(locale ? { locale } : {}),
        };
        void enqueue(conversationId, () => forwardToBot(toBot(update, conversationId))).then((result) =>
          logDelivery(result, update.type),
        );
      }
      return tokenFor(conversationId, userId);
    },

    async resumeConversation(claims) {
      const conversation = await store.getConversation(claims.conversationId);
      return conversation ? { ok: true, value: tokenFor(claims.conversationId, claims.userId) } : notFound;
    },

    async postActivity(claims, activity) {
      const { conversationId, userId } = claims;
      if (!(await store.getConversation(conversationId))) return notFound;
      const { from, ...fields } = activity;
      // Echo and delivery wait for earlier turns (the welcome, a previous question), so the transcript
      // reads in order: welcome, question, answer, next question, ….
      const delivered = await enqueue(conversationId, async () => {
        const echo = await store.appendActivity(conversationId, {
          ...fields,
          channelId,
          timestamp: new Date(now()).toISOString(),
          from: { id: userId, ...(from?.name ? { name: from.name } : {}), role: 'user' },
          conversation: { id: conversationId },
        });
        return echo ? { echo, result: await forwardToBot(toBot(echo, conversationId)) } : undefined;
      });
      if (!delivered) return notFound;
      logDelivery(delivered.result, delivered.echo.type);
      if (!delivered.result.ok && delivered.result.status === 429) {
        // The bot's per-conversation limit: tell the browser to slow down instead of reporting a failure.
        return { ok: false, failure: { ...fail(429, 'TooManyRequests', errors.tooManyRequests).failure, retryAfterSeconds: delivered.result.retryAfterSeconds ?? 1 } };
      }
      if (!delivered.result.ok) return fail(502, 'BotError', errors.botError);
      return { ok: true, value: { id: delivered.echo.id } };
    },

    async activitiesSince(claims, watermark) {
      const page = await store.activitiesSince(claims.conversationId, watermark);
      return page ? { ok: true, value: page } : notFound;
    },

    async receiveFromBot(botConversationId, activity) {
      const conversationId = botConversationIds.fromBot(botConversationId);
      if (conversationId === undefined) return notFound;
      if (Buffer.byteLength(JSON.stringify(activity)) > maxBotActivityBytes) {
        return fail(413, 'PayloadTooLarge', errors.payloadTooLarge.split('{maxBytes}').join(String(maxBotActivityBytes)));
      }
      const { id: _ignoredId, serviceUrl: _ignoredServiceUrl, ...fields } = activity;
      const stored = await store.appendActivity(conversationId, {
        ...fields,
        channelId,
        timestamp: typeof activity.timestamp === 'string' ? activity.timestamp : new Date(now()).toISOString(),
        conversation: { id: conversationId },
      });
      return stored ? { ok: true, value: { id: stored.id } } : notFound;
    },
  };
}
