/**
 * Puts the bot together: storage, conversation state, the bot and the adapter. Everything botbuilder
 * stays behind this module; the server gets a plain request handler.
 */
import { ConversationState, type Storage } from 'botbuilder';
import type { AnswerEngine } from '../core/answer/answerEngine';
import type { BotLogger } from './botLogger';
import type { BotWording } from './botWording';
import { ConversationMemoryStore } from './conversationMemory';
import { createBotAdapter, type BotAuthSettings } from './createBotAdapter';
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
}

/** The assembled bot. */
export interface BotRuntime {
  /** Processes one `POST /api/messages` request (including `deliveryMode: "expectReplies"`). */
  handleMessages(req: BotHttpRequest, res: BotHttpResponse): Promise<void>;
  /** The feedback recorder in use. */
  feedbackRecorder: FeedbackRecorder;
}

/** Builds the bot and its adapter. */
export function createBotRuntime(options: BotRuntimeOptions): BotRuntime {
  const { auth, engine, wording, logger } = options;
  const memory = new ConversationMemoryStore(new ConversationState(options.storage ?? createStorage()));
  const feedbackRecorder = options.feedbackRecorder ?? new MemoryFeedbackRecorder();
  const bot = new SpineAssistantBot({
    engine,
    wording,
    memory,
    feedbackRecorder,
    logger,
    maxSuggestedQuestions: options.maxSuggestedQuestions,
  });
  const adapter = createBotAdapter({ auth, wording, memory, logger });
  return {
    feedbackRecorder,
    handleMessages: (req, res) => adapter.process(req, res, (context) => bot.run(context)),
  };
}
