/**
 * The composition root, wiring only: each piece builds itself in its own module. Tests start the real
 * thing in-process with `startSpineAssistant`; running this file starts it from `process.env`.
 */
import type { StartSpineAssistantOptions, SpineAssistant } from './assistantOptions';
import { loadAnswerEngine } from './core/loadAnswerEngine';
import { loadBotWording, withClinic } from './bot/botWording';
import { createBotRuntime } from './bot/createBotRuntime';
import { createStorage } from './bot/createStorage';
import { createForgetHooks } from './bot/forgetHooks';
import { agentConsolePaths } from './channels/agentConsole/agentConsoleChannel';
import { agentConsoleChannels } from './channels/agentConsole/agentConsoleChannels';
import { redisDirectLineStores } from './channels/directLine/redisDirectLineStores';
import { loadChannelSettings, type ChannelSettings } from './channels/loadChannelSettings';
import { createTeamsExtension } from './channels/teams/teamsExtension';
import { botSettings } from './server/botSettings';
import { closeRedisClient, createStateRedisClient } from './server/createRedisClient';
import type { RunningServer } from './server/createServer';
import { createLogger } from './server/logger';
import { createServerMetrics, createTurnReporter } from './server/metrics';
import { runAsProcess } from './server/processLifecycle';
import { startAssistantServer } from './server/startAssistantServer';

export type { StartSpineAssistantOptions, SpineAssistant } from './assistantOptions';

/** Builds everything and starts listening on `config.host:config.port`. */
export async function startSpineAssistant(options: StartSpineAssistantOptions): Promise<SpineAssistant> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  // Cheap checks first: wording and channel settings fail fast, before the index is built.
  const wording = withClinic(options.wording ?? loadBotWording(config.dialogsDir), config);
  const redis = await createStateRedisClient(config.state, logger.child({ module: 'redis' }));
  const forgetHooks = createForgetHooks();
  let channels: ChannelSettings;
  try {
    const web = { createStore: redisDirectLineStores(redis), registerForget: forgetHooks.register };
    const overrides = { registerChannels: options.registerChannels, teams: options.teams, handoff: options.handoff };
    channels = loadChannelSettings({ ...overrides, env: options.env ?? process.env, dialogsDir: config.dialogsDir, web });
  } catch (error) {
    redis?.disconnect();
    throw error;
  }
  const { knowledgeDir, dialogsDir, emergencyCountry, state } = config;
  const engine = options.engine ?? loadAnswerEngine({ knowledgeDir, dialogsDir, options: { emergencyCountry } });
  const storage = options.storage ?? createStorage({ kind: state.storage, dataDir: state.dataDir, redisClient: redis, retentionMs: state.retentionMs });
  const metrics = createServerMetrics();
  const botLogger = logger.child({ module: 'bot' });
  const bot = createBotRuntime({
    ...botSettings(config),
    engine,
    wording,
    storage,
    logger: botLogger,
    feedbackRecorder: options.feedbackRecorder,
    maxTurnAttempts: options.maxTurnAttempts,
    turnObserver: createTurnReporter(metrics, botLogger),
    onForget: forgetHooks.forgetAll,
    handoff: { ...channels.handoff, now: options.handoffNow },
    channelExtensions: [createTeamsExtension({ ...channels.teams, knowledge: engine.knowledge, logger: logger.child({ module: 'teams' }) })],
  });
  const consoleLogger = logger.child({ module: 'agentConsole' });
  const consoleOptions = { handoff: channels.handoff, consoleWording: channels.agentConsoleWording, storage, clinicName: wording.clinic.name, trustProxyHops: config.security.trustProxyHops, now: options.handoffNow };
  const agentConsole = agentConsoleChannels({ ...consoleOptions, desk: bot.handoffDesk, logger: consoleLogger });
  if (config.operations.logMessageText) logger.warn('assistant.debugLogMessageText', { hint: 'message text is logged; never in production' });
  const registerChannels = [...channels.registerChannels, ...agentConsole];
  let server: RunningServer;
  try {
    server = await startAssistantServer({ config, logger: logger.child({ module: 'server' }), metrics, bot, registerChannels, engine, probeQuestion: wording.readinessProbeQuestion, storage, redis });
  } catch (error) {
    await bot.close();
    redis?.disconnect();
    throw error;
  }
  logger.info('assistant.started', { port: server.port, localMode: config.localMode, storage: storage.kind });
  // Stop taking requests and let in-flight turns finish (their state is saved inside the turn), then close the storage and Redis.
  const close = async (): Promise<void> => {
    await server.close();
    await bot.close();
    if (redis) await closeRedisClient(redis);
  };
  return { ...server, feedbackRecorder: bot.feedbackRecorder, storage, metrics, agentConsoleOn: agentConsole.length > 0, close };
}

if (require.main === module) {
  void runAsProcess({ start: (config, logger) => startSpineAssistant({ config, logger }), entryFile: __filename, agentConsolePath: agentConsolePaths.page });
}
