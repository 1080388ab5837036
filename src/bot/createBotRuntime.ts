/**
 * Puts the bot together: storage, conversation state, the bot and the adapter. Everything botbuilder
 * stays behind this module; the server gets a plain request handler.
 */
import { ConversationState, type Storage } from 'botbuilder';
import type { AnswerEngine } from '../core/answer/answerEngine';
import { loadScreening } from '../core/screening/loadScreening';
import type { Screening } from '../core/screening/screeningTypes';
import type { BotLogger } from './botLogger';
import { defaultDialogsDir, type BotWording } from './botWording';
import { ConversationMemoryStore } from './conversationMemory';
import { createBotAdapter, type BotAuthSettings } from './createBotAdapter';
import { createScreeningSession } from './dialogs/screeningSession';
import { createStorage } from './createStorage';
import { MemoryFeedbackRecorder, type FeedbackRecorder } from './feedbackRecorder';
import { SpineAssistantBot } from './spineAssistantBot';

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
  /** The answer engine. */
  engine: AnswerEngine;
  /** The bot's wording. */
  wording: BotWording;
  /** Logger (ids and outcomes only). */
  logger: BotLogger;
  /** State storage. Default: `createStorage()` (memory). */
  storage?: Storage;
  /** Where feedback goes. Default: a new {@link MemoryFeedbackRecorder}. */
  feedbackRecorder?: FeedbackRecorder;
  /** Most question suggestions on one reply. Default: 3. */
  maxSuggestedQuestions?: number;
  /** The candidate check. Default: `screening.json` from `dialogsDir`, its quotes located in `engine.knowledge`. */
  screening?: Screening;
  /** Folder with `screening.json`. Default: the repository's `dialogs/`. */
  dialogsDir?: string;
  /** The clock (dates in screening answers, the QuestionnaireResponse's time). Default: the system clock. */
  now?: () => Date;
}

/** The assembled bot. */
export interface BotRuntime {
  /** Processes one `POST /api/messages` request (including `deliveryMode: "expectReplies"`). */
  handleMessages(req: BotHttpRequest, res: BotHttpResponse): Promise<void>;
  /** The feedback recorder in use. */
  feedbackRecorder: FeedbackRecorder;
}

/**
 * Builds the bot and its adapter. Loads the screening definition (unless given): a quote that is not
 * verbatim in the documents throws a ContentError naming the file, the question and the text.
 */
export function createBotRuntime(options: BotRuntimeOptions): BotRuntime {
  const { auth, engine, wording, logger } = options;
  // One ConversationState for the memory, the dialog stack and the screening, saved together each turn.
  const conversationState = new ConversationState(options.storage ?? createStorage());
  const memory = new ConversationMemoryStore(conversationState);
  const feedbackRecorder = options.feedbackRecorder ?? new MemoryFeedbackRecorder();
  const screening = createScreeningSession({
    conversationState,
    screening: options.screening ?? loadScreening(options.dialogsDir ?? defaultDialogsDir, engine.knowledge),
    engine,
    wording,
    logger,
    now: options.now,
    maxSuggestedQuestions: options.maxSuggestedQuestions,
  });
  const bot = new SpineAssistantBot({
    engine,
    wording,
    memory,
    feedbackRecorder,
    logger,
    screening,
    maxSuggestedQuestions: options.maxSuggestedQuestions,
  });
  const adapter = createBotAdapter({ auth, wording, memory, logger });
  return {
    feedbackRecorder,
    handleMessages: (req, res) => adapter.process(req, res, (context) => bot.run(context)),
  };
}
