/**
 * Puts the bot together: storage, conversation state that saves with the eTag it read, the bot, the
 * adapter and its middleware — turn reports (logs, metrics), duplicate deliveries answered once,
 * "forget me" — and the turn wrapper that retries a turn that lost a race for its state. Everything
 * botbuilder stays behind this module; the server gets plain request handlers.
 */
import type { AnswerEngine } from '../core/answer/answerEngine';
import { loadScreening } from '../core/screening/loadScreening';
import type { Screening } from '../core/screening/screeningTypes';
import type { BotLogger } from './botLogger';
import type { SigningKeyFetchOptions } from './boundedSigningKeys';
import { defaultDialogsDir, fillWording, type BotWording } from './botWording';
import type { ChannelExtension } from './channelExtension';
import { ConversationMemoryStore } from './conversationMemory';
import { createBotAdapter, type AuthenticatedFields, type AuthenticationCheck, type BotAuthSettings } from './createBotAdapter';
import { createStorage } from './createStorage';
import { createScreeningSession } from './dialogs/screeningSession';
import { createHandoff, type HandoffSetup } from './handoff/createHandoff';
import type { HandoffDesk } from './handoff/handoffDesk';
import { HandoffStore } from '../handoff/handoffStore';
import { handoffIdFor } from '../handoff/handoffRecord';
import { MemoryFeedbackRecorder, type FeedbackRecorder } from './feedbackRecorder';
import { withConflictRetry } from './middleware/conflictRetry';
import { createDedupeMiddleware } from './middleware/dedupeMiddleware';
import { createForgetMeMiddleware, type ForgetRequest } from './middleware/forgetMeMiddleware';
import { loadPrivacyWording, type PrivacyWording } from './middleware/privacyWording';
import { createTurnObserverMiddleware, type TurnObserver } from './middleware/turnObserverMiddleware';
import { createUnsupportedInvokeMiddleware } from './middleware/unsupportedInvokeMiddleware';
import { SpineAssistantBot } from './spineAssistantBot';
import { ETagConversationState, ETagUserState } from './storage/eTagBotState';
import { defaultStateStorageOptions, type StateStorage } from '../infra/storage/stateStorage';

/** An HTTP request as the adapter reads it (restify's, Express's and Node's fit). */
export interface BotHttpRequest {
  body?: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  method?: string;
}

/** An HTTP response as the adapter writes it (restify's and Express's fit). */
export interface BotHttpResponse {
  socket: unknown;
  end(...args: unknown[]): unknown;
  header(name: string, value: unknown): unknown;
  send(...args: unknown[]): unknown;
  status(code: number): unknown;
}

/** Options of {@link createBotRuntime}. */
export interface BotRuntimeOptions {
  /** Bot Framework credentials (all empty in local mode). */
  auth: BotAuthSettings;
  /** Limits on fetching Bot Framework's signing keys. Default: `defaultSigningKeyFetchOptions` (5 s, Retry-After 10 s). */
  signingKeys?: Partial<SigningKeyFetchOptions>;
  /** The answer engine. */
  engine: AnswerEngine;
  /** The bot's wording. */
  wording: BotWording;
  /** Logger (ids and outcomes only). */
  logger: BotLogger;
  /** State storage. Default: `createStorage()` (memory). The runtime's `close()` closes it. */
  storage?: StateStorage;
  /** How long state lives after its last change, in ms (for the "forget me" wording). Default 24 hours. */
  retentionMs?: number;
  /** How long a delivered activity id is remembered to drop duplicates, in ms. Default 10 minutes. */
  dedupeTtlMs?: number;
  /** Most runs of a turn that keeps losing eTag races before the user is asked to resend. Default 3. */
  maxTurnAttempts?: number;
  /** Privacy wording. Default: `dialogs/privacyWording.json`. */
  privacyWording?: PrivacyWording;
  /** Deletes a channel's own copy of a conversation on "forget me" (the built-in Direct Line's transcript). */
  onForget?: (request: ForgetRequest) => Promise<void>;
  /** Receives a report of every turn (logs, metrics). Default: none. */
  turnObserver?: TurnObserver;
  /** Put message text into turn reports — a debugging aid, never for production. Default false. */
  logMessageText?: boolean;
  /** Where feedback goes. Default: a new {@link MemoryFeedbackRecorder}. */
  feedbackRecorder?: FeedbackRecorder;
  /** Most question suggestions on one reply. Default: 3. */
  maxSuggestedQuestions?: number;
  /** The candidate check. Default: `screening.json` from `dialogsDir`, its quotes located in `engine.knowledge`. */
  screening?: Screening;
  /** Folder with `screening.json` and `privacyWording.json`. Default: the repository's `dialogs/`. */
  dialogsDir?: string;
  /** The clock (dates in screening answers, the QuestionnaireResponse's time). Default: the system clock. */
  now?: () => Date;
  /** Channels' additions (Teams): middleware run after deduplication, and welcome rules. Default: none. */
  channelExtensions?: readonly ChannelExtension[];
  /** Handoff to a person and the staff desk (src/bot/handoff). Default: none. */
  handoff?: HandoffSetup;
}

/** The assembled bot. */
export interface BotRuntime {
  /** Processes one `POST /api/messages` request (including `deliveryMode: "expectReplies"`). */
  handleMessages(req: BotHttpRequest, res: BotHttpResponse): Promise<void>;
  /** Checks a request's Bot Framework token (always ok in local mode). Never throws. */
  authenticate(fields: AuthenticatedFields, authorization: string): Promise<AuthenticationCheck>;
  /** The feedback recorder in use. */
  feedbackRecorder: FeedbackRecorder;
  /** The state storage in use. */
  storage: StateStorage;
  /** Staff's side of handoffs (the agent console uses it); undefined without `handoff`. */
  handoffDesk?: HandoffDesk;
  /** Closes the storage (after the server stopped taking turns). */
  close(): Promise<void>;
}

/**
 * Builds the bot and its adapter. Loads the screening definition (unless given): a quote that is not
 * verbatim in the documents throws a ContentError naming the file, the question and the text.
 */
export function createBotRuntime(options: BotRuntimeOptions): BotRuntime {
  const { auth, engine, wording, logger } = options;
  const storage = options.storage ?? createStorage();
  // One ConversationState for the memory, the dialog stack and the screening, saved together each turn
  // with the eTag it was read with.
  const conversationState = new ETagConversationState(storage);
  const userState = new ETagUserState(storage);
  const memory = new ConversationMemoryStore(conversationState);
  const feedbackRecorder = options.feedbackRecorder ?? new MemoryFeedbackRecorder();
  const dialogsDir = options.dialogsDir ?? defaultDialogsDir;
  const privacy = options.privacyWording ?? loadPrivacyWording(dialogsDir);
  const screening = createScreeningSession({
    conversationState,
    screening: options.screening ?? loadScreening(dialogsDir, engine.knowledge),
    engine,
    wording,
    logger,
    now: options.now,
    maxSuggestedQuestions: options.maxSuggestedQuestions,
  });
  const retentionHours = Math.round((options.retentionMs ?? defaultStateStorageOptions.retentionMs) / 3_600_000);
  const handoff = options.handoff
    ? createHandoff(options.handoff, { storage, conversationState, engine, botWording: wording, screening, logger, maxSuggestedQuestions: options.maxSuggestedQuestions })
    : undefined;
  const bot = new SpineAssistantBot({
    handoff: handoff?.flow,
    engine,
    wording,
    memory,
    feedbackRecorder,
    logger,
    screening,
    maxSuggestedQuestions: options.maxSuggestedQuestions,
    channelExtensions: options.channelExtensions,
  });
  const { adapter, authenticate } = createBotAdapter({ auth, wording, memory, logger, signingKeys: options.signingKeys });
  if (options.turnObserver) {
    adapter.use(createTurnObserverMiddleware({ observer: options.turnObserver, logMessageText: options.logMessageText }));
  }
  adapter.use(createUnsupportedInvokeMiddleware());
  adapter.use(createDedupeMiddleware({ storage, ttlMs: options.dedupeTtlMs, logger }));
  for (const extension of options.channelExtensions ?? []) if (extension.middleware) adapter.use(extension.middleware);
  adapter.use(
    createForgetMeMiddleware({
      phrases: privacy.forgetMe.phrases,
      confirmation: fillWording(privacy.forgetMe.confirmation, wording).replace(/\{retentionHours\}/g, String(retentionHours)),
      stateKeys: (context) =>
        [
          conversationState.getStorageKey(context),
          handoff && context.activity.conversation?.id ? HandoffStore.keyOf(handoffIdFor(context.activity.channelId, context.activity.conversation.id)) : undefined,
          context.activity.from?.id ? userState.getStorageKey(context) : undefined,
        ].filter(
          (key): key is string => key !== undefined,
        ),
      deleteKeys: (keys) => storage.delete(keys),
      onForget: options.onForget,
      logger,
    }),
  );
  const runTurn = withConflictRetry((context) => bot.run(context), {
    states: [conversationState, userState],
    resendText: fillWording(privacy.resend, wording),
    logger,
    maxAttempts: options.maxTurnAttempts,
  });
  const handoffDesk = handoff?.desk((reference, logic) => adapter.continueConversationAsync(auth.MicrosoftAppId, reference, logic));
  return {
    handoffDesk,
    feedbackRecorder,
    storage,
    authenticate,
    handleMessages: (req, res) => adapter.process(req, res, runTurn),
    close: () => storage.close(),
  };
}
