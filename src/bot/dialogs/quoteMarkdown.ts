/**
 * Quotes in screening replies, shown like answers (DESIGN.md §3): each as a Markdown blockquote followed
 * by its marker `[n]`, reference definitions `[n]: <url or cite:n> "Title"` at the end, and the
 * schema.org citation entity. A quote cited twice in one reply keeps its first number.
 */
import type { Entity } from 'botbuilder';
import type { Quote } from '../../core/answer/answerTypes';
import { quoteBlockquote, quoteReference } from '../../core/answer/formatAnswerMarkdown';
import { buildCitationEntity } from '../replies/citationEntity';
import { toQuoteRefs, type QuoteRef } from '../replies/replyOutcome';

/** Numbers the quotes of one reply and formats them. */
export class QuoteNumbering {
  private readonly quotes: Quote[] = [];

  /** @param reviewedLabel the word before a document's review date in its citation ("reviewed"). */
  constructor(private readonly reviewedLabel: string) {}

  /** The quote as a blockquote with its marker (numbered on first use). */
  blockquote(quote: Quote): string {
    let index = this.quotes.findIndex((known) => known.documentId === quote.documentId && known.start === quote.start && known.end === quote.end);
    if (index < 0) index = this.quotes.push(quote) - 1;
    return quoteBlockquote(quote, index + 1);
  }

  /** Blockquotes of several quotes, separated by blank lines. */
  blockquotes(quotes: readonly Quote[]): string {
    return quotes.map((quote) => this.blockquote(quote)).join('\n\n');
  }

  /** The reference definitions of every numbered quote; empty when there are none. */
  references(): string {
    return this.quotes.map((quote, index) => quoteReference(quote, index + 1, this.reviewedLabel)).join('\n');
  }

  /** The citation entity for the numbered quotes; none when there are none. */
  entities(): Entity[] {
    return this.quotes.length > 0 ? [buildCitationEntity(this.quotes, this.reviewedLabel)] : [];
  }

  /** The quotes' positions for `channelData.quotes`, in marker order. */
  refs(): QuoteRef[] {
    return toQuoteRefs(this.quotes);
  }
}
