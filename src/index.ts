/**
 * The composition root: reads the configuration, loads the content and the answer engine, builds the
 * state storage, the bot and the server with its channels, and listens. `startSpineAssistant` is
 * exported so tests start the real thing in-process; running this file starts it from `process.env`
 * and shuts it down gracefully on SIGTERM/SIGINT (stop accepting, finish in-flight turns, close the
 * storage, exit).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { AnswerEngine } from './core/answer/answerEngine';
import { loadAnswerEngine } from './core/loadAnswerEngine';
import { defaultDialogsDir, loadBotWording, withClinic, type BotWording } from './bot/botWording';
import { createBotRuntime } from './bot/createBotRuntime';
import { createRedisClient, createStorage, type StateStorage } from './bot/createStorage';
import type { ForgetTranscript } from './channels/directLine/directLineChannel';
import type { BuiltInDirectLineConfig } from './channels/directLine/directLineConfig';
import { createRedisDirectLineStore } from './channels/directLine/redisDirectLineStore';
import { loadTeamsConfig, type TeamsConfig } from './channels/teams/teamsConfig';
import { createTeamsExtension } from './channels/teams/teamsExtension';
import { loadTeamsWording, type TeamsWording } from './channels/teams/teamsWording';
import { loadHandoffConfig, type HandoffConfig } from './handoff/handoffConfig';
import { loadHandoffWording, type HandoffWording } from './handoff/handoffWording';
import { createWebChannels } from './channels/webChat/webChannels';
import { agentConsoleDisabled, agentConsolePaths, createAgentConsole } from './channels/agentConsole/agentConsoleChannel';
import type { FeedbackRecorder } from './bot/feedbackRecorder';
import { loadConfig, type AppConfig } from './server/config';
import { memoryLimiter, startServer, type ChannelRegistration, type RunningServer, type ServerRateLimiters } from './server/createServer';
import { createLogger, describeError, type Logger } from './server/logger';
import { createServerMetrics, createTurnReporter, type ServerMetrics } from './server/metrics';
import { createRedisRateLimiter, unlimited, type RateLimiter } from './server/rateLimiter';
import { createReadiness } from './server/readinessChecks';
import { sourcesNewerThan } from './server/staleBuild';
import { startupLine } from './server/startupLine';

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
  /** State storage. Default: `config.state` (SQLite in the data directory, Redis, or memory). Closed by `close()`. */
  storage?: StateStorage;
  /** Most runs of a turn that keeps losing eTag races before the user is asked to resend. Default 3. */
  maxTurnAttempts?: number;
  /** Teams settings (staff, message size). Default: read from `env` (TEAMS_*). */
  teams?: TeamsConfig;
  /** Handoff and agent console settings. Default: read from `env` (HANDOFF_*, AGENT_CONSOLE_*). */
  handoff?: HandoffConfig;
  /** The handoff's clock, ms since the epoch (waiting times, console sessions). Default `Date.now`. */
  handoffNow?: () => number;
}

/** A running assistant. */
export interface SpineAssistant extends RunningServer {
  /** The feedback recorder in use. */
  feedbackRecorder: FeedbackRecorder;
  /** The state storage in use. */
  storage: StateStorage;
  /** The server's metrics (also on GET /metrics). */
  metrics: ServerMetrics;
  /** Whether the built-in agent console is served (AGENT_CONSOLE_TOKEN is set). */
  agentConsoleOn: boolean;
}

/** Rate limiters from the configuration: on Redis when state is on Redis (shared by every instance). */
function rateLimiters(config: AppConfig, redis: Redis | undefined): ServerRateLimiters {
  const limiter = (perMinute: number, scope: string): RateLimiter => {
    if (perMinute <= 0) return unlimited;
    return redis ? createRedisRateLimiter({ client: redis, perMinute, keyPrefix: `spine-assistant:ratelimit:${scope}:` }) : memoryLimiter(perMinute);
  };
  return {
    conversation: limiter(config.security.conversationPerMinute, 'conversation'),
    client: limiter(config.security.clientPerMinute, 'client'),
    token: limiter(config.security.tokenPerMinute, 'token'),
  };
}

/** Builds everything and starts listening on `config.host:config.port`. */
export async function startSpineAssistant(options: StartSpineAssistantOptions): Promise<SpineAssistant> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  // Cheap checks first: wording and channel settings fail fast, before the index is built.
  const wording = withClinic(options.wording ?? loadBotWording(config.dialogsDir), config);
  const redis =
    config.state.storage === 'redis' && config.state.redisUrl ? await createRedisClient(config.state.redisUrl, logger.child({ module: 'redis' })) : undefined;
  // With state on Redis, the built-in Direct Line keeps its conversations there too (several instances).
  const createStore = redis
    ? (directLine: BuiltInDirectLineConfig) =>
        createRedisDirectLineStore({
          client: redis,
          maxConversations: directLine.maxConversations,
          maxActivitiesPerConversation: directLine.maxActivitiesPerConversation,
          idleTimeoutMs: directLine.idleTimeoutSeconds * 1000,
        })
    : undefined;
  // "Forget me" also erases the built-in Direct Line's transcript of the conversation.
  const forgetTranscripts: ForgetTranscript[] = [];
  let registerChannels: ChannelRegistration[];
  let teams: TeamsConfig;
  let teamsWording: TeamsWording;
  let handoffConfig: HandoffConfig;
  let handoffWording: HandoffWording;
  try {
    registerChannels =
      options.registerChannels ??
      createWebChannels(options.env ?? process.env, { createStore, registerForget: (forget) => forgetTranscripts.push(forget) });
    teams = options.teams ?? loadTeamsConfig(options.env ?? process.env);
    teamsWording = loadTeamsWording(config.dialogsDir);
    handoffConfig = options.handoff ?? loadHandoffConfig(options.env ?? process.env);
    handoffWording = loadHandoffWording(config.dialogsDir ?? defaultDialogsDir);
  } catch (error) {
    redis?.disconnect();
    throw error;
  }
  const engine = options.engine ?? loadAnswerEngine({ knowledgeDir: config.knowledgeDir, dialogsDir: config.dialogsDir, options: { emergencyCountry: config.emergencyCountry } });
  const storage =
    options.storage ??
    createStorage({ kind: config.state.storage, dataDir: config.state.dataDir, redisClient: redis, retentionMs: config.state.retentionMs });
  const metrics = createServerMetrics();
  const bot = createBotRuntime({
    auth: config.botAuth,
    signingKeys: { timeoutMs: config.security.signingKeysTimeoutMs },
    engine,
    wording,
    logger: logger.child({ module: 'bot' }),
    feedbackRecorder: options.feedbackRecorder,
    dialogsDir: config.dialogsDir,
    storage,
    retentionMs: config.state.retentionMs,
    dedupeTtlMs: config.state.dedupeTtlMs,
    maxTurnAttempts: options.maxTurnAttempts,
    turnObserver: createTurnReporter(metrics, logger.child({ module: 'bot' })),
    onForget: async (request) => {
      await Promise.all(forgetTranscripts.map((forget) => forget(request)));
    },
    logMessageText: config.operations.logMessageText,
    handoff: { config: handoffConfig, wording: handoffWording, now: options.handoffNow },
    channelExtensions: [createTeamsExtension({ config: teams, wording: teamsWording, knowledge: engine.knowledge, logger: logger.child({ module: 'teams' }) })],
  });
  // The built-in agent console: only with a token from configuration (there is no default password).
  const agentConsoleOn = Boolean(handoffConfig.console && bot.handoffDesk);
  if (handoffConfig.console && bot.handoffDesk) {
    registerChannels = [
      ...registerChannels,
      createAgentConsole({
        config: handoffConfig.console,
        desk: bot.handoffDesk,
        storage,
        wording: handoffWording,
        clinicName: wording.clinic.name,
        trustProxyHops: config.security.trustProxyHops,
        now: options.handoffNow,
      }),
    ];
  } else agentConsoleDisabled(logger.child({ module: 'agentConsole' }));
  if (config.operations.logMessageText) logger.warn('assistant.debugLogMessageText', { hint: 'message text is logged; never in production' });
  let server: RunningServer;
  try {
    server = await startServer({
      port: config.port,
      host: config.host,
      logger: logger.child({ module: 'server' }),
      maxBodyBytes: config.maxBodyBytes,
      handleMessages: bot.handleMessages,
      authenticate: config.localMode ? undefined : bot.authenticate,
      allowedServiceUrls: config.security.allowedServiceUrls,
      rateLimiters: rateLimiters(config, redis),
      trustProxyHops: config.security.trustProxyHops,
      metrics,
      metricsToken: config.operations.metricsToken,
      shutdownGraceMs: config.operations.shutdownGraceMs,
      // Ready when the engine answers the probe question with quotes, the state store answers and Redis (when configured) does.
      readiness: createReadiness({
        answersProbe: () => engine.answer(wording.readinessProbeQuestion).outcome === 'answer',
        storage: () => storage.ping(),
        ...(redis ? { redis: async () => (await redis.ping()) === 'PONG' } : {}),
      }),
      registerChannels,
    });
  } catch (error) {
    await bot.close();
    redis?.disconnect();
    throw error;
  }
  logger.info('assistant.started', { port: server.port, localMode: config.localMode, storage: storage.kind });
  return {
    ...server,
    feedbackRecorder: bot.feedbackRecorder,
    storage,
    metrics,
    agentConsoleOn,
    close: async () => {
      // Stop taking requests and let in-flight turns finish (their state is saved inside the turn),
      // then close the storage (SQLite checkpoints its journal) and the Redis connection.
      await server.close();
      await bot.close();
      if (redis && redis.status !== 'end') await redis.quit().catch(() => redis.disconnect());
    },
  };
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
  // `npm start` runs the compiled build (dist/index.js): say so when src/ changed after it was built.
  if (path.extname(__filename) === '.js') {
    const changed = sourcesNewerThan(path.join(__dirname, '..', 'src'), __filename);
    if (changed.length > 0) logger.warn('assistant.staleBuild', { changedSources: changed.length, hint: 'src/ changed after the last build: run npm run build (npm run dev runs the sources)' });
  }
  let assistant: SpineAssistant;
  try {
    assistant = await startSpineAssistant({ config, logger });
  } catch (error) {
    // Content and startup errors name their file or setting; they never contain user text.
    logger.error('assistant.startFailed', describeError(error));
    process.stderr.write(`Spine Assistant cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  // One plain line for the person who started it: what to open (the JSON logs are for machines).
  process.stderr.write(`${startupLine({ url: assistant.url, agentConsolePath: agentConsolePaths.page, agentConsoleOn: assistant.agentConsoleOn })}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      logger.warn('assistant.forcedExit', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('assistant.stopping', { signal, inFlight: assistant.inFlight() });
    assistant.close().then(
      () => {
        logger.info('assistant.stopped', { signal });
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('assistant.stopFailed', describeError(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) void main();
