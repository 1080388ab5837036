/**
 * Runs the bot's turn so that an eTag conflict never loses an answer. Replies are held back while the
 * turn runs; only when its state is saved are they sent. When the save is rejected because another
 * instance saved the same conversation first, the held replies are dropped, the state is read again and
 * the turn runs again on it (up to `maxAttempts` runs). If every run loses, the user is asked to send
 * the message again — and any emergency reply is sent regardless: safety does not wait for state.
 */
import { ActivityTypes, TextFormatTypes, type Activity, type TurnContext } from 'botbuilder';
import { describeError, type BotLogger } from '../botLogger';
import { hashConversationId } from '../conversationHash';
import type { ReloadableState } from '../storage/eTagBotState';
import { isStateConflict } from '../../infra/storage/stateStorage';
import { replyOutcomeOf, turnRecord } from './turnRecord';

/** The bot's logic for one turn (including its state save). */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/** Options of {@link withConflictRetry}. */
export interface ConflictRetryOptions {
  /** The states the logic loads and saves; their cached copies are dropped before a rerun. */
  states: ReloadableState[];
  /** The reply asking the user to send the message again (after the last attempt lost). */
  resendText: string;
  /** Logger (ids only). */
  logger: BotLogger;
  /** Most runs of one turn, ≥ 1. Default 3. */
  maxAttempts?: number;
}

/** Defaults of {@link ConflictRetryOptions}. */
export const defaultConflictRetryOptions = { maxAttempts: 3 } as const;

/** Wraps `logic` with held replies and reruns on eTag conflicts. */
export function withConflictRetry(logic: TurnLogic, options: ConflictRetryOptions): TurnLogic {
  const maxAttempts = Math.max(1, options.maxAttempts ?? defaultConflictRetryOptions.maxAttempts);
  return async (context) => {
    const record = turnRecord(context);
    let held: Array<Partial<Activity>> = [];
    record.holdingReplies = true;
    context.onSendActivities(async (_context, activities, next) => {
      if (!record.holdingReplies) return next();
      held.push(...activities);
      return activities.map(() => ({ id: '' }));
    });
    const send = async (activities: Array<Partial<Activity>>): Promise<void> => {
      record.holdingReplies = false;
      if (activities.length > 0) await context.sendActivities(activities);
    };
    const emergencies = (): Array<Partial<Activity>> => held.filter((activity) => replyOutcomeOf(activity) === 'emergency');

    for (let attempt = 1; ; attempt += 1) {
      record.attempts = attempt;
      held = [];
      try {
        await logic(context);
      } catch (error) {
        if (!isStateConflict(error)) {
          // Not a race: the error handler apologises; an emergency instruction still goes out first.
          await send(emergencies());
          throw error;
        }
        options.logger.warn('bot.stateConflict', {
          conversation: hashConversationId(context.activity.conversation?.id),
          attempt,
          maxAttempts,
          ...describeError(error),
        });
        for (const state of options.states) state.forgetCached(context);
        if (attempt < maxAttempts) continue;
        record.result = 'resend';
        await send([...emergencies(), resendActivity(options.resendText)]);
        return;
      }
      await send(held);
      return;
    }
  };
}

function resendActivity(text: string): Partial<Activity> {
  return { type: ActivityTypes.Message, textFormat: TextFormatTypes.Markdown, text, channelData: { outcome: 'error', quotes: [] } };
}
