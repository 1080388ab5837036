/**
 * Dropping whole quotes from a reply, the last first, until it fits a size — never cutting one. Works on
 * the reply contract (DESIGN.md §3): the Markdown quotes and their reference definitions, the citation
 * entity's claims, `channelData.quotes` and the feedback buttons' quote lists all keep quotes 1…k.
 */
import type { Activity, CardAction } from 'botbuilder';
import { z } from 'zod';
import { citationEntitySchema } from './teamsCitations';
import { keepQuotesInText } from './teamsMarkdown';

const quotesCarrierSchema = z.object({ quotes: z.array(z.unknown()) }).loose();

/** Size of an activity as Teams counts it: its JSON payload encoded as UTF-16, in bytes. */
export function utf16Bytes(activity: Partial<Activity>): number {
  return JSON.stringify(activity).length * 2;
}

/** How many quotes a reply shows (`channelData.quotes`). */
export function quoteCount(activity: Partial<Activity>): number {
  const data = quotesCarrierSchema.safeParse(activity.channelData);
  return data.success ? data.data.quotes.length : 0;
}

function keepInValue(value: unknown, keep: number): unknown {
  const carrier = quotesCarrierSchema.safeParse(value);
  return carrier.success ? { ...carrier.data, quotes: carrier.data.quotes.slice(0, keep) } : value;
}

/** The reply with only its first `keep` quotes. */
export function keepQuotes(activity: Partial<Activity>, keep: number): Partial<Activity> {
  const entities = activity.entities?.flatMap((entity) => {
    const citations = citationEntitySchema.safeParse(entity);
    if (!citations.success) return [entity];
    const citation = citations.data.citation.filter((claim) => claim.position <= keep);
    return citation.length > 0 ? [{ ...entity, citation }] : [];
  });
  const actions = activity.suggestedActions?.actions.map((action): CardAction => ({ ...action, value: keepInValue(action.value, keep) }));
  return {
    ...activity,
    ...(activity.text !== undefined ? { text: keepQuotesInText(activity.text, keep) } : {}),
    ...(entities ? { entities } : {}),
    channelData: keepInValue(activity.channelData, keep),
    ...(activity.suggestedActions && actions ? { suggestedActions: { ...activity.suggestedActions, actions } } : {}),
  };
}

/** A reply rendered with its first `keep` quotes; `dropped` quotes were left out. */
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
  const total = quoteCount(activity);
  for (let keep = total; ; keep -= 1) {
    const rendered = render(keep < total ? keepQuotes(activity, keep) : activity, total - keep);
    const fits = utf16Bytes(rendered) <= maxBytes;
    if (fits || keep <= 0) return { activity: rendered, dropped: total - keep, fits };
  }
}
