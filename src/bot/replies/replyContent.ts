/**
 * The typed content a reply with quotes is rendered from: its parts in order (our wording as Markdown,
 * the lead-in, the quotes by marker) and the quotes in marker order. The contract's Markdown (DESIGN.md
 * §3) is rendered from it, and the renderer attaches it to the activity under a symbol: botbuilder's
 * copies of an outgoing activity keep it (`Object.assign` and spreads copy symbol keys), and it is
 * never sent (JSON leaves symbol keys out). A channel that reshapes replies (Teams: fewer quotes under
 * its size limit, plain text to paste) renders them again from this content instead of reading the
 * Markdown back.
 */
import type { Activity } from 'botbuilder';
import type { Quote } from '../../core/answer/answerTypes';
import { quoteBlockquote, quoteReference } from '../../core/answer/formatAnswerMarkdown';

/** One part of a reply's text. */
export type ReplyPart =
  /** Our own words, Markdown (a heading, a question, a reason, the disclaimer). */
  | { kind: 'wording'; markdown: string }
  /** Our words introducing an answer's quotes (what they are about, or that the documents differ), Markdown. */
  | { kind: 'lead-in'; markdown: string }
  /** A quote, shown with its marker `[marker]`; it is `quotes[marker - 1]` of its content. */
  | { kind: 'quote'; marker: number };

/** What a reply with quotes is rendered from. */
export interface ReplyContent {
  /** The parts of the text, in order; a quote cited twice appears twice with one marker. */
  parts: readonly ReplyPart[];
  /** The quotes shown, in marker order (`[1]` first); the same order as `channelData.quotes`. */
  quotes: readonly Quote[];
}

const replyContentKey = Symbol('spineAssistant.replyContent');

type WithContent = { [replyContentKey]?: ReplyContent };

/** The activity with `content` attached (in this process only; see the module comment). */
export function withReplyContent<T extends Partial<Activity>>(activity: T, content: ReplyContent): T {
  return Object.assign(activity, { [replyContentKey]: content });
}

/** The content an activity was rendered from; undefined for replies of plain wording. */
export function replyContentOf(activity: Partial<Activity>): ReplyContent | undefined {
  return (activity as WithContent)[replyContentKey];
}

/** The content with only its first `keep` quotes: later quotes go with every part that shows them. */
export function keepFirstQuotes(content: ReplyContent, keep: number): ReplyContent {
  return {
    parts: content.parts.filter((part) => part.kind !== 'quote' || part.marker <= keep),
    quotes: content.quotes.slice(0, keep),
  };
}

/** The Markdown of one part: wording as it is, a quote as a blockquote with its marker. */
export function partMarkdown(part: ReplyPart, quotes: readonly Quote[]): string {
  if (part.kind !== 'quote') return part.markdown;
  const quote = quotes[part.marker - 1];
  return quote ? quoteBlockquote(quote, part.marker) : '';
}

/** The contract's Markdown: the parts, then the reference definitions `[n]: <url or cite:n> "Title"`. */
export function contractMarkdown(content: ReplyContent, reviewedLabel: string): string {
  const body = content.parts.map((part) => partMarkdown(part, content.quotes)).join('\n\n');
  const references = content.quotes.map((quote, index) => quoteReference(quote, index + 1, reviewedLabel)).join('\n');
  return references ? `${body}\n\n${references}` : body;
}

/**
 * Puts our wording (a heading) before a rendered reply, in its text and in its content alike, so a
 * channel that renders the content again keeps it.
 */
export function withLeadingWording(activity: Partial<Activity>, markdown: string): Partial<Activity> {
  const prefixed: Partial<Activity> = { ...activity, text: activity.text ? `${markdown}\n\n${activity.text}` : markdown };
  const content = replyContentOf(activity);
  return content ? withReplyContent(prefixed, { ...content, parts: [{ kind: 'wording', markdown }, ...content.parts] }) : prefixed;
}
