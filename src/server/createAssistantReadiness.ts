/**
 * The assistant's readiness (`/readyz`): ready when the engine answers the probe question with quotes,
 * the state storage answers and Redis (when configured) does.
 */
import type { Redis } from 'ioredis';
import type { AnswerEngine } from '../core/answer/answerEngine';
import type { StateStorage } from '../infra/storage/stateStorage';
import type { ReadinessReport } from './healthRoutes';
import { createReadiness } from './readinessChecks';

/** What {@link createAssistantReadiness} checks. */
export interface AssistantReadinessOptions {
  engine: AnswerEngine;
  /** A question the documents answer (`readinessProbeQuestion` of the bot's wording). */
  probeQuestion: string;
  storage: StateStorage;
  /** The Redis client, when state is on Redis. */
  redis?: Redis;
}

/** Creates the readiness check of `startServer({ readiness })`. */
export function createAssistantReadiness(options: AssistantReadinessOptions): () => Promise<ReadinessReport> {
  const { engine, probeQuestion, storage, redis } = options;
  return createReadiness({
    answersProbe: () => engine.answer(probeQuestion).outcome === 'answer',
    storage: () => storage.ping(),
    ...(redis ? { redis: async () => (await redis.ping()) === 'PONG' } : {}),
  });
}
