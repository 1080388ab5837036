/**
 * Dropping whole quotes from a reply, the last first, until it fits a size — never cutting one. Works
 * from the content the reply was rendered from (replyContent.ts): keeping quotes 1…k keeps the parts
 * that show them and renders the reply again; `channelData.quotes` and the feedback buttons' quote
 * lists (DESIGN.md §3) keep the same quotes. A reply without content (plain wording) has no quotes to drop.
 */
import type { Activity, CardAction } from 'botbuilder';
import { z } from 'zod';
import { keepFirstQuotes, replyContentOf, withReplyContent, type ReplyContent } from '../../bot/replies/replyContent';

const quotesCarrierSchema = z.object({ quotes: z.array(z.unknown()) }).loose();

/** Size of an activity as Teams counts it: its JSON payload encoded as UTF-16, in bytes. */
export function utf16Bytes(activity: Partial<Activity>): number {
  return JSON.stringify(activity).length * 2;
}

function keepInValue(value: unknown, keep: number): unknown {
  const carrier = quotesCarrierSchema.safeParse(value);
  return carrier.success ? { ...carrier.data, quotes: carrier.data.quotes.slice(0, keep) } : value;
}

/**
 * The reply with only its first `keep` quotes: in its content (its text and citations are rendered
 * again from it), in `channelData.quotes` and in the feedback buttons' values.
 */
function keepQuotes(activity: Partial<Activity>, content: ReplyContent, keep: number): Partial<Activity> {
  const actions = activity.suggestedActions?.actions.map((action): CardAction => ({ ...action, value: keepInValue(action.value, keep) }));
  const kept: Partial<Activity> = {
    ...activity,
    channelData: keepInValue(activity.channelData, keep),
    ...(activity.suggestedActions && actions ? { suggestedActions: { ...activity.suggestedActions, actions } } : {}),
  };
  return withReplyContent(kept, keepFirstQuotes(content, keep));
}

/** Renders a reply for the channel from its content; `dropped` quotes were left out. */
export type RenderWithQuotes = (activity: Partial<Activity>, dropped: number) => Partial<Activity>;

/** The result of {@link fitByDroppingQuotes}. */
export interface FittedReply {
  activity: Partial<Activity>;
  /** Quotes left out. */
  dropped: number;
  /** False when even without any quote the reply is over the size (it is sent anyway). */
  fits: boolean;
}

/**
 * Renders the reply with all its quotes, and while the result is over `maxBytes` renders it again
 * with one quote fewer (the last), down to none.
 */
export function fitByDroppingQuotes(activity: Partial<Activity>, render: RenderWithQuotes, maxBytes: number): FittedReply {
  const content = replyContentOf(activity);
  const total = content?.quotes.length ?? 0;
  for (let keep = total; ; keep -= 1) {
    const rendered = render(content && keep < total ? keepQuotes(activity, content, keep) : activity, total - keep);
    const fits = utf16Bytes(rendered) <= maxBytes;
    if (fits || keep <= 0) return { activity: rendered, dropped: total - keep, fits };
  }
}
