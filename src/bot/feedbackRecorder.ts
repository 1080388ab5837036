/**
 * Where feedback on answers goes. A record holds the rating, the reply's outcome, the quotes it showed
 * and a hashed conversation id — never message text.
 */
import type { FeedbackRating } from './botActions';
import type { QuoteRef, ReplyOutcome } from './replies/replyOutcome';

/** One piece of feedback. */
export interface FeedbackRecord {
  /** Helpful or not. */
  rating: FeedbackRating;
  /** Outcome of the rated reply, when known. */
  outcome?: ReplyOutcome;
  /** Quotes the rated reply showed (empty when unknown or none). */
  quotes: QuoteRef[];
  /** Hashed conversation id (see conversationHash.ts). */
  conversation: string;
  /** Channel the feedback came from (`webchat`, `directline`, `msteams`, …). */
  channelId: string;
  /** When it was recorded, ISO 8601. */
  recordedAt: string;
}

/** Stores feedback. A later issue adds a persistent recorder behind the same interface. */
export interface FeedbackRecorder {
  record(feedback: FeedbackRecord): void | Promise<void>;
}

/** Keeps feedback in process memory (local use and tests); `entries` holds what was recorded, oldest first. */
export class MemoryFeedbackRecorder implements FeedbackRecorder {
  /** Recorded feedback, oldest first. */
  readonly entries: FeedbackRecord[] = [];

  record(feedback: FeedbackRecord): void {
    this.entries.push(feedback);
  }
}
