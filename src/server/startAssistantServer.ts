/**
 * The assistant's server from the configuration: port and host, body limit, authentication (off in
 * local mode), the service URLs the bot may reply to, rate limiters, metrics, graceful shutdown and
 * readiness, with the bot's message handler and the channels' routes.
 */
import type { Redis } from 'ioredis';
import type { AnswerEngine } from '../core/answer/answerEngine';
import type { StateStorage } from '../infra/storage/stateStorage';
import type { AppConfig } from './config';
import { createAssistantReadiness } from './createAssistantReadiness';
import { createRateLimiters } from './createRateLimiters';
import { loadHttpErrorWording } from './httpErrorWording';
import { startServer, type ChannelRegistration, type CreateServerOptions, type RunningServer } from './createServer';
import type { Logger } from './logger';
import type { ServerMetrics } from './metrics';

/** Options of {@link startAssistantServer}. */
export interface AssistantServerOptions {
  config: AppConfig;
  logger: Logger;
  metrics: ServerMetrics;
  /** The bot's side of `/api/messages`. */
  bot: { handleMessages: CreateServerOptions['handleMessages']; authenticate: NonNullable<CreateServerOptions['authenticate']> };
  /** The channels' routes. */
  registerChannels: ChannelRegistration[];
  /** What readiness checks (see `createAssistantReadiness`). */
  engine: AnswerEngine;
  probeQuestion: string;
  storage: StateStorage;
  /** The Redis client when state is on Redis (rate limiters there, and a readiness check). */
  redis?: Redis;
}

/** Starts listening on `config.host:config.port`. */
export function startAssistantServer(options: AssistantServerOptions): Promise<RunningServer> {
  const { config, bot, redis } = options;
  return startServer({
    port: config.port,
    host: config.host,
    logger: options.logger,
    maxBodyBytes: config.maxBodyBytes,
    messageErrors: loadHttpErrorWording(config.dialogsDir).messages,
    handleMessages: bot.handleMessages,
    authenticate: config.localMode ? undefined : bot.authenticate,
    allowedServiceUrls: config.security.allowedServiceUrls,
    rateLimiters: createRateLimiters(config.security, redis),
    trustProxyHops: config.security.trustProxyHops,
    metrics: options.metrics,
    metricsToken: config.operations.metricsToken,
    shutdownGraceMs: config.operations.shutdownGraceMs,
    readiness: createAssistantReadiness({ engine: options.engine, probeQuestion: options.probeQuestion, storage: options.storage, redis }),
    registerChannels: options.registerChannels,
  });
}
