/**
 * The Direct Line half of the web channel as one server registration: `POST /api/directline/token` for
 * the page, plus — in built-in mode — the Direct Line service itself. With `DIRECTLINE_SECRET` set
 * (Azure mode) the token comes from Azure, the page talks to Azure, and no `/v3` routes are added.
 */
import type * as restify from 'restify';
import { messagesPath, type ChannelRegistration } from '../../server/createServer';
import type { HttpErrorWording } from '../../server/httpErrorWording';
import { AzureDirectLineError, createAzureTokenExchange, type ConversationToken } from './azureDirectLineTokens';
import { createBotForwarder } from './botForwarder';
import type { ChannelLogger } from './channelLogger';
import { createBotConversationIds, newTokenUserId } from './conversationIds';
import type { BuiltInDirectLineConfig, DirectLineConfig } from './directLineConfig';
import { jsonBody, sendBadRequest, sendFailure, sendJson } from './directLineHttp';
import { directLinePaths, registerDirectLineRoutes } from './directLineRoutes';
import { describeIssues, tokenRequestBodySchema } from './directLineSchemas';
import { createDirectLineService, defaultDirectLineServiceOptions, type ChannelAccount } from './directLineService';
import type { DirectLineStore } from './directLineStore';
import { createDirectLineTokenSigner } from './directLineToken';
import { createMemoryDirectLineStore } from './memoryDirectLineStore';

/** The path the page asks for a token. */
export const directLineTokenPath = '/api/directline/token';

/** What `POST /api/directline/token` answers: a conversation token and where to use it. */
export interface DirectLineSession extends ConversationToken {
  /** Direct Line API base for DirectLineJS's `domain` (`/v3/directline` or Azure's URL). */
  domain: string;
  /** Whether the page should use WebSockets (Azure) or polling (built-in). */
  webSocket: boolean;
}

/** Erases the built-in Direct Line's transcript of a conversation the bot knows by `conversationId`. */
export type ForgetTranscript = (request: { channelId: string; conversationId: string }) => Promise<void>;

/** Options of {@link createDirectLineChannel}. */
export interface DirectLineChannelOptions {
  /** The validated settings (see `loadDirectLineConfig`). */
  config: DirectLineConfig;
  /** Conversation storage of the built-in service. Default: `createStore(config)`, else in memory, bounded by `config`. */
  store?: DirectLineStore;
  /**
   * Creates the store from the built-in settings (e.g. `createRedisDirectLineStore` for several instances).
   * A shared store needs a shared DIRECTLINE_TOKEN_SECRET; without one the channel warns at startup.
   */
  createStore?: (config: BuiltInDirectLineConfig) => DirectLineStore;
  /**
   * Receives, in built-in mode, the function that erases a conversation's stored transcript, for the
   * bot's "forget me" (`conversationId` as the bot sees it; ids that are not ours are ignored).
   */
  registerForget?: (forget: ForgetTranscript) => void;
  /** The bot's account in activities. Default `{ id: 'spine-assistant', name: 'Spine Assistant' }`. */
  bot?: ChannelAccount;
  /** The built-in service's error messages (`directLine` of `dialogs/httpErrors.json`). Default: the repository's file. */
  errors?: HttpErrorWording['directLine'];
  /** Current time in milliseconds (token expiry, idle timeout). Default `Date.now`. */
  now?: () => number;
  /**
   * Whether the bot requires Bot Framework authentication (a `MicrosoftAppId` is set). The built-in
   * Direct Line cannot authenticate, so it then only warns at startup. Default false.
   */
  botRequiresAuthentication?: boolean;
}

/** Creates the registration to pass to `createServer({ registerChannels })`. */
export function createDirectLineChannel(options: DirectLineChannelOptions): ChannelRegistration {
  const { config } = options;
  return (server, context) => {
    const logger: ChannelLogger = context.logger;
    if (config.mode === 'azure') {
      const exchange = createAzureTokenExchange({ secret: config.secret, domain: config.domain });
      registerTokenRoute(server, logger, async () => ({
        ...(await exchange(newTokenUserId())),
        domain: config.domain,
        webSocket: true,
      }));
      logger.info('directline.mode', { mode: 'azure' });
      return;
    }

    const now = options.now ?? Date.now;
    if (options.createStore && !config.tokenSecretConfigured) {
      logger.warn('directline.sharedStoreWithoutTokenSecret', { hint: 'set DIRECTLINE_TOKEN_SECRET on every instance' });
    }
    const store =
      options.store ??
      options.createStore?.(config) ??
      createMemoryDirectLineStore({
        maxConversations: config.maxConversations,
        maxActivitiesPerConversation: config.maxActivitiesPerConversation,
        idleTimeoutMs: config.idleTimeoutSeconds * 1000,
        maxBytes: config.maxBytes,
        now,
      });
    const botConversationIds = createBotConversationIds(config.tokenSecret);
    options.registerForget?.(async ({ channelId, conversationId }) => {
      const ours = channelId === defaultDirectLineServiceOptions.channelId ? botConversationIds.fromBot(conversationId) : undefined;
      if (ours !== undefined) await store.eraseActivities?.(ours);
    });
    const service = createDirectLineService({
      store,
      signer: createDirectLineTokenSigner({ secret: config.tokenSecret, lifetimeSeconds: config.tokenLifetimeSeconds, now }),
      botConversationIds,
      forwardToBot: createBotForwarder({ endpoint: () => `${context.baseUrl()}${messagesPath}` }),
      serviceUrl: () => context.baseUrl(),
      logger,
      bot: options.bot,
      ...(options.errors ? { errors: options.errors } : {}),
      now,
    });
    registerTokenRoute(server, logger, async () => ({ ...service.issueToken(), domain: directLinePaths.domain, webSocket: false }));
    registerDirectLineRoutes(server, service);
    logger.info('directline.mode', { mode: 'builtIn', tokenSecretConfigured: config.tokenSecretConfigured });
    if (options.botRequiresAuthentication) {
      // The bot will refuse our unauthenticated deliveries (401); Azure's Direct Line is the way with an App ID.
      logger.warn('directline.builtIn.botRequiresAuthentication', { hint: 'set DIRECTLINE_SECRET to use Azure Direct Line' });
    }
  };
}

function registerTokenRoute(server: restify.Server, logger: ChannelLogger, createSession: () => Promise<DirectLineSession>): void {
  server.post(directLineTokenPath, async (req: restify.Request, res: restify.Response) => {
    const body = tokenRequestBodySchema.safeParse(jsonBody(req));
    if (!body.success) return sendBadRequest(res, describeIssues(body.error, 'body'));
    try {
      sendJson(res, 200, await createSession());
    } catch (error) {
      if (!(error instanceof AzureDirectLineError)) throw error;
      logger.warn('directline.token.failed', { status: error.status ?? null });
      sendFailure(res, { status: 502, code: 'DirectLineUnavailable', message: 'Could not get a Direct Line token. Try again later.' });
    }
  });
}
