/**
 * The composition root: reads the configuration, loads the content and the answer engine, builds the
 * bot and the server with its channels, and listens. `startSpineAssistant` is exported so tests start
 * the real thing in-process; running this file starts it from `process.env`.
 */
import { existsSync } from 'node:fs';
import type { AnswerEngine } from './core/answer/answerEngine';
import { loadAnswerEngine } from './core/loadAnswerEngine';
import { loadBotWording, withClinic, type BotWording } from './bot/botWording';
import { createBotRuntime } from './bot/createBotRuntime';
import { createWebChannels } from './channels/webChat/webChannels';
import type { FeedbackRecorder } from './bot/feedbackRecorder';
import { loadConfig, type AppConfig } from './server/config';
import { startServer, type ChannelRegistration, type RunningServer } from './server/createServer';
import { createLogger, describeError, type Logger } from './server/logger';

/** Options of {@link startSpineAssistant}. Everything but `config` has a production default. */
export interface StartSpineAssistantOptions {
  /** Validated configuration (see `loadConfig`). */
  config: AppConfig;
  /** Logger. Default: JSON lines to stdout/stderr at `config.logLevel`. */
  logger?: Logger;
  /** The answer engine. Default: `loadAnswerEngine` over `config.knowledgeDir` / `config.dialogsDir`. */
  engine?: AnswerEngine;
  /** The bot's wording. Default: `dialogs/botWording.json` (from `config.dialogsDir`). */
  wording?: BotWording;
  /** Where feedback goes. Default: in memory. */
  feedbackRecorder?: FeedbackRecorder;
  /** Channel routes. Default: the web channel (built-in Direct Line or Azure token exchange, and the Web Chat page). */
  registerChannels?: ChannelRegistration[];
  /** Environment the default channels read their settings from (DIRECTLINE_*, WEBCHAT_*, CLINIC_NAME). Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** A running assistant. */
export interface SpineAssistant extends RunningServer {
  /** The feedback recorder in use. */
  feedbackRecorder: FeedbackRecorder;
}

/** Builds everything and starts listening on `config.host:config.port`. */
export async function startSpineAssistant(options: StartSpineAssistantOptions): Promise<SpineAssistant> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  // Cheap checks first: wording and channel settings fail fast, before the index is built.
  const wording = withClinic(options.wording ?? loadBotWording(config.dialogsDir), config);
  const registerChannels = options.registerChannels ?? createWebChannels(options.env ?? process.env);
  const engine = options.engine ?? loadAnswerEngine({ knowledgeDir: config.knowledgeDir, dialogsDir: config.dialogsDir });
  const bot = createBotRuntime({
    auth: config.botAuth,
    engine,
    wording,
    logger: logger.child({ module: 'bot' }),
    feedbackRecorder: options.feedbackRecorder,
    dialogsDir: config.dialogsDir,
  });
  const server = await startServer({
    port: config.port,
    host: config.host,
    logger: logger.child({ module: 'server' }),
    maxBodyBytes: config.maxBodyBytes,
    handleMessages: bot.handleMessages,
    // The engine is built synchronously above, so once the server listens the content is loaded and indexed.
    readiness: () => ({ ready: true, checks: { knowledgeLoaded: true, indexBuilt: true } }),
    registerChannels,
  });
  logger.info('assistant.started', { port: server.port, localMode: config.localMode });
  return { ...server, feedbackRecorder: bot.feedbackRecorder };
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    // Settings from ./.env when present; variables already set in the environment win.
    if (existsSync('.env')) process.loadEnvFile('.env');
    config = loadConfig(process.env);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Spine Assistant cannot start: ${reason}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });
  let assistant: SpineAssistant;
  try {
    assistant = await startSpineAssistant({ config, logger });
  } catch (error) {
    // Content and startup errors name their file or setting; they never contain user text.
    logger.error('assistant.startFailed', describeError(error));
    process.stderr.write(`Spine Assistant cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const stop = (signal: string): void => {
    logger.info('assistant.stopping', { signal });
    void assistant.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) void main();
