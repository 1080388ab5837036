/**
 * Quotes in screening replies, shown like answers (DESIGN.md §3): each a quote part with its marker
 * `[n]` (replyContent.ts renders it as a Markdown blockquote, with the reference definitions at the
 * end) and the schema.org citation entity. A quote cited twice in one reply keeps its first number.
 */
import type { Entity } from 'botbuilder';
import type { Quote } from '../../core/answer/answerTypes';
import { buildCitationEntity } from '../replies/citationEntity';
import type { ReplyContent, ReplyPart } from '../replies/replyContent';
import { toQuoteRefs, type QuoteRef } from '../replies/replyOutcome';

/** Numbers the quotes of one reply. */
export class QuoteNumbering {
  private readonly numbered: Quote[] = [];

  /** @param reviewedLabel the word before a document's review date in its citation ("reviewed"). */
  constructor(readonly reviewedLabel: string) {}

  /** The quote's part, with its marker (numbered on first use). */
  quote(quote: Quote): ReplyPart {
    let index = this.numbered.findIndex((known) => known.documentId === quote.documentId && known.start === quote.start && known.end === quote.end);
    if (index < 0) index = this.numbered.push(quote) - 1;
    return { kind: 'quote', marker: index + 1 };
  }

  /** The parts of several quotes, in order. */
  quotes(quotes: readonly Quote[]): ReplyPart[] {
    return quotes.map((quote) => this.quote(quote));
  }

  /** The content of a reply made of `parts`, with the quotes numbered so far. */
  content(parts: readonly ReplyPart[]): ReplyContent {
    return { parts, quotes: [...this.numbered] };
  }

  /** The citation entity for the numbered quotes; none when there are none. */
  entities(): Entity[] {
    return this.numbered.length > 0 ? [buildCitationEntity(this.numbered, this.reviewedLabel)] : [];
  }

  /** The quotes' positions for `channelData.quotes`, in marker order. */
  refs(): QuoteRef[] {
    return toQuoteRefs(this.numbered);
  }
}
