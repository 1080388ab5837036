/**
 * Answers a delivered activity once. Channels retry a delivery when the bot is slow to answer, with the
 * same activity id; the first delivery claims `dedupe/<hash of channel, conversation, activity id>` in
 * the state store (set-if-absent with a short TTL, shared by every instance) and later ones are
 * acknowledged without a turn. A turn that fails releases its claim so a retry can try again.
 */
import { createHash } from 'node:crypto';
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { BotLogger } from '../botLogger';
import { hashConversationId } from '../conversationHash';
import type { StateStorage } from '../../infra/storage/stateStorage';
import { turnRecord } from './turnRecord';

/** Options of {@link createDedupeMiddleware}. */
export interface DedupeOptions {
  /** Where claims are kept (the bot's state storage). */
  storage: StateStorage;
  /** How long a claim lasts, in milliseconds. > 0. Default 10 minutes. */
  ttlMs?: number;
  /** Logger (ids only). */
  logger: BotLogger;
}

/** Defaults of {@link DedupeOptions}. */
export const defaultDedupeOptions = { ttlMs: 10 * 60 * 1000 } as const;

/** Activity types that are deduplicated (invokes expect an answer of their own and are not). */
export const dedupedActivityTypes: readonly string[] = [
  ActivityTypes.Message,
  ActivityTypes.ConversationUpdate,
  ActivityTypes.Event,
  ActivityTypes.MessageReaction,
];

/** The dedupe key of an activity, or undefined when it cannot be deduplicated. */
export function dedupeKey(context: TurnContext): string | undefined {
  const { id, type, channelId, conversation } = context.activity;
  if (!id || !conversation?.id || !dedupedActivityTypes.includes(type)) return undefined;
  const digest = createHash('sha256').update(`${channelId}\n${conversation.id}\n${id}`).digest('base64url');
  return `dedupe/${digest}`;
}

/** Creates the middleware (add it with `adapter.use`). */
export function createDedupeMiddleware(options: DedupeOptions): Middleware {
  const ttlMs = options.ttlMs ?? defaultDedupeOptions.ttlMs;
  return {
    async onTurn(context, next) {
      const key = dedupeKey(context);
      if (key === undefined) return next();
      if (!(await options.storage.addIfAbsent(key, ttlMs))) {
        turnRecord(context).result = 'duplicate';
        options.logger.info('bot.duplicateDelivery', {
          conversation: hashConversationId(context.activity.conversation?.id),
          channelId: context.activity.channelId,
          activityType: context.activity.type,
        });
        return;
      }
      try {
        await next();
      } catch (error) {
        await options.storage.delete([key]).catch(() => undefined);
        throw error;
      }
    },
  };
}
