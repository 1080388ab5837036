/**
 * Reports every turn when it is over: channel, activity type, hashed conversation id, the outcomes of
 * the replies actually sent, attempts, how it ended and its latency — for logs and metrics. Message
 * text is included only when `logMessageText` is on (a debugging setting; never in production).
 */
import type { Middleware } from 'botbuilder';
import { hashConversationId } from '../conversationHash';
import { replyOutcomeOf, turnRecord, type TurnResult } from './turnRecord';

/** One finished turn. */
export interface TurnReport {
  channelId: string;
  activityType: string;
  /** Hashed conversation id (conversationHash.ts). */
  conversation: string;
  /** `channelData.outcome` of each reply sent. */
  outcomes: string[];
  /** Runs of the logic (> 1 after eTag conflicts). */
  attempts: number;
  result: TurnResult;
  /** Milliseconds from the turn's start to its end. */
  latencyMs: number;
  /** The message text — only with `logMessageText`. */
  debugText?: string;
}

/** Receives turn reports (the server logs them and counts them in /metrics). */
export interface TurnObserver {
  turnFinished(report: TurnReport): void;
}

/** Options of {@link createTurnObserverMiddleware}. */
export interface TurnObserverOptions {
  observer: TurnObserver;
  /** Include the message text in reports (debugging only). Default false. */
  logMessageText?: boolean;
  /** Current time in milliseconds. Default `performance.now`. */
  now?: () => number;
}

/** Creates the middleware; add it first with `adapter.use`. */
export function createTurnObserverMiddleware(options: TurnObserverOptions): Middleware {
  const now = options.now ?? (() => performance.now());
  return {
    async onTurn(context, next) {
      const started = now();
      const record = turnRecord(context);
      context.onSendActivities(async (_context, activities, send) => {
        const responses = await send();
        if (!record.holdingReplies) {
          for (const activity of activities) {
            const outcome = replyOutcomeOf(activity);
            if (outcome) record.outcomes.push(outcome);
          }
        }
        return responses;
      });
      const report = (): void => {
        const { activity } = context;
        options.observer.turnFinished({
          channelId: activity.channelId ?? 'unknown',
          activityType: activity.type ?? 'unknown',
          conversation: hashConversationId(activity.conversation?.id),
          outcomes: [...record.outcomes],
          attempts: Math.max(1, record.attempts),
          result: record.result,
          latencyMs: Math.round((now() - started) * 10) / 10,
          ...(options.logMessageText && typeof activity.text === 'string' ? { debugText: activity.text } : {}),
        });
      };
      try {
        await next();
      } catch (error) {
        record.result = 'error';
        report();
        throw error;
      }
      report();
    },
  };
}
