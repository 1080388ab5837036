/**
 * `channelData` of every bot reply (DESIGN.md §3): what kind of reply it is and which quotes it shows.
 * Staff tools, analytics and tests read this instead of parsing text.
 */
import { z } from 'zod';
import type { Quote } from '../../core/answer/answerTypes';

/** The kinds of reply, `channelData.outcome`. */
export const replyOutcomes = ['answer', 'no-answer', 'emergency', 'screening', 'handoff', 'smalltalk', 'help', 'error'] as const;

/** One kind of reply. */
export type ReplyOutcome = (typeof replyOutcomes)[number];

/** Where a shown quote stands in its document, `channelData.quotes[i]`. */
export const quoteRefSchema = z.object({
  documentId: z.string().min(1).max(200),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});

/** A quote's position: document id and character offsets. */
export type QuoteRef = z.infer<typeof quoteRefSchema>;

/** The `channelData` of a reply. */
export interface ReplyChannelData {
  /** What kind of reply this is. */
  outcome: ReplyOutcome;
  /** The quotes shown, in marker order ([1] first). Empty when the reply shows none. */
  quotes: QuoteRef[];
  /** For `no-answer`: why the engine abstained. */
  noAnswerReason?: string;
  /** For `emergency`: the red-flag rule that matched. */
  emergencyRuleId?: string;
  /** For `answer` with documents that disagree: the disagreement's id. */
  disagreementId?: string;
  /** For `smalltalk`: the intent. */
  smalltalkIntent?: string;
}

/** The position of each quote, for `channelData.quotes` and feedback. */
export function toQuoteRefs(quotes: ReadonlyArray<Pick<Quote, 'documentId' | 'start' | 'end'>>): QuoteRef[] {
  return quotes.map(({ documentId, start, end }) => ({ documentId, start, end }));
}

/** Compact ids of quotes for log lines, `documentId:start-end`. */
export function quoteLogIds(quotes: readonly QuoteRef[]): string[] {
  return quotes.map((quote) => `${quote.documentId}:${quote.start}-${quote.end}`);
}
