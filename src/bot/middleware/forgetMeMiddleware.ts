/**
 * "Forget me": a message that is exactly one of the wording's phrases (or a message-back value
 * `{ action: "forget-me" }`) deletes everything the bot stored for the conversation and the user —
 * conversation state (follow-up topic, screening progress), user state — and whatever the channel keeps
 * for it (`onForget`, e.g. the built-in Direct Line's transcript), then says so. The bot's logic does not
 * run for that message, so nothing is saved again. Any other text goes to the bot as usual, so a message
 * that also describes a symptom still reaches the red-flag check.
 */
import { ActivityTypes, TextFormatTypes, type Middleware, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { BotLogger } from '../botLogger';
import { hashConversationId } from '../conversationHash';
import { foldPhrase } from './privacyWording';
import { turnRecord } from './turnRecord';

/** `value.action` of a "forget me" message-back action. */
export const forgetMeActionId = 'forget-me';

/** What a channel gets to delete its own copy of the conversation. */
export interface ForgetRequest {
  channelId: string;
  /** The conversation id the bot sees. */
  conversationId: string;
  userId?: string;
}

/** Options of {@link createForgetMeMiddleware}. */
export interface ForgetMeOptions {
  /** Whole messages that ask to be forgotten (folded with {@link foldPhrase} before comparing). */
  phrases: readonly string[];
  /** The confirmation sent afterwards (outcome `help`). */
  confirmation: string;
  /** Storage keys of the turn's stored state (conversation state, user state). */
  stateKeys: (context: TurnContext) => string[];
  /** Deletes keys from the state storage. */
  deleteKeys: (keys: string[]) => Promise<void>;
  /** Deletes what the channel keeps (transcripts). Default: nothing. */
  onForget?: (request: ForgetRequest) => Promise<void>;
  /** Logger (ids only). */
  logger: BotLogger;
}

const forgetMeValueSchema = z.object({ action: z.literal(forgetMeActionId) }).loose();

/** Whether the turn's activity asks to be forgotten. */
export function asksToBeForgotten(context: TurnContext, phrases: ReadonlySet<string>): boolean {
  const { activity } = context;
  if (activity.type !== ActivityTypes.Message) return false;
  if (forgetMeValueSchema.safeParse(activity.value).success) return true;
  return typeof activity.text === 'string' && activity.text.length <= 200 && phrases.has(foldPhrase(activity.text));
}

/** Creates the middleware (add it with `adapter.use`, after deduplication). */
export function createForgetMeMiddleware(options: ForgetMeOptions): Middleware {
  const phrases = new Set(options.phrases.map(foldPhrase));
  return {
    async onTurn(context, next) {
      if (!asksToBeForgotten(context, phrases)) return next();
      const { channelId, conversation, from } = context.activity;
      await options.deleteKeys(options.stateKeys(context));
      if (options.onForget && conversation?.id) {
        await options.onForget({ channelId, conversationId: conversation.id, userId: from?.id });
      }
      turnRecord(context).result = 'forgotten';
      options.logger.info('bot.forgotten', { conversation: hashConversationId(conversation?.id), channelId });
      await context.sendActivity({
        type: ActivityTypes.Message,
        textFormat: TextFormatTypes.Markdown,
        text: options.confirmation,
        channelData: { outcome: 'help', quotes: [] },
      });
    },
  };
}
