/**
 * What the turn middleware learn about one turn, kept in `context.turnState`: the outcomes of the
 * replies actually sent, how many attempts the turn took, and how it ended. The observer middleware
 * reports it when the turn is over.
 */
import type { TurnContext } from 'botbuilder';

/** How a turn ended. */
export type TurnResult = 'ok' | 'duplicate' | 'forgotten' | 'resend' | 'error';

/** The record of one turn. */
export interface TurnRecord {
  /** `channelData.outcome` of each reply sent, in order. */
  outcomes: string[];
  /** Runs of the bot's logic (more than 1 after eTag conflicts). */
  attempts: number;
  /** How the turn ended. */
  result: TurnResult;
  /** True while replies are held back until the turn's state is saved (they are not sent yet). */
  holdingReplies: boolean;
}

const turnRecordKey = Symbol('spineAssistant.turnRecord');

/** The turn's record, created on first use. */
export function turnRecord(context: TurnContext): TurnRecord {
  const existing: unknown = context.turnState.get(turnRecordKey);
  if (isTurnRecord(existing)) return existing;
  const record: TurnRecord = { outcomes: [], attempts: 0, result: 'ok', holdingReplies: false };
  context.turnState.set(turnRecordKey, record);
  return record;
}

/** `channelData.outcome` of an activity, when it has one. */
export function replyOutcomeOf(activity: { channelData?: unknown }): string | undefined {
  const data = activity.channelData;
  if (typeof data !== 'object' || data === null || !('outcome' in data)) return undefined;
  return typeof data.outcome === 'string' ? data.outcome : undefined;
}

function isTurnRecord(value: unknown): value is TurnRecord {
  return typeof value === 'object' && value !== null && 'outcomes' in value && 'attempts' in value;
}
