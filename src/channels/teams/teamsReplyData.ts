/**
 * The part of a reply's `channelData` (DESIGN.md §3) the Teams rendering reads: its outcome, the quotes
 * it shows (document and offsets, in marker order) and, for answers where documents disagree, the
 * disagreement's id.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { quoteRefSchema } from '../../bot/replies/replyOutcome';

/** What the Teams rendering reads from `channelData`. */
export const replyDataSchema = z
  .object({ outcome: z.string(), quotes: z.array(quoteRefSchema), disagreementId: z.string().optional() })
  .loose();

/** A reply's `channelData` as the Teams rendering reads it. */
export type ReplyData = z.infer<typeof replyDataSchema>;

/** The reply's data, or undefined when its channelData does not follow the contract. */
export function replyDataOf(activity: Partial<Activity>): ReplyData | undefined {
  const parsed = replyDataSchema.safeParse(activity.channelData);
  return parsed.success ? parsed.data : undefined;
}

const askingSchema = z.object({ screening: z.object({ status: z.literal('asking'), questionId: z.string() }).loose() }).loose();

/** The screening question a reply asks (`channelData.screening` while asking), if any. */
export function askedQuestionOf(activity: Partial<Activity>): string | undefined {
  const parsed = askingSchema.safeParse(activity.channelData);
  return parsed.success ? parsed.data.screening.questionId : undefined;
}
