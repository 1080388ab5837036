/**
 * The schema.org Message entity that carries an answer's citations (DESIGN.md §3), as Web Chat (≥ 4.16)
 * and Teams read it. Claims are matched to the Markdown markers by `position`.
 */
import type { Entity } from 'botbuilder';
import type { Quote } from '../../core/answer/answerTypes';
import { sourceDetails } from '../../core/answer/formatAnswerMarkdown';

/** Longest citation name (document title) Teams shows. */
export const maxCitationNameLength = 80;
/** Longest citation abstract (start of the quote) Teams shows. */
export const maxCitationAbstractLength = 160;

/** The document a citation points to. */
export interface CitationAppearance {
  '@type': 'DigitalDocument';
  /** Document title and, when known, publisher and the clinic's review date ("Title · reviewed 2026-11-22"), at most 80 characters (the title is shortened, never the details). */
  name: string;
  /** Start of the quote, at most 160 characters. */
  abstract: string;
  /** The full verbatim quote. */
  text: string;
  /** The document's URL, when known. */
  url?: string;
}

/** One citation, numbered like its `[n]` marker. */
export interface CitationClaim {
  '@type': 'Claim';
  position: number;
  appearance: CitationAppearance;
}

/** The Message entity of a reply. */
export interface CitationMessageEntity extends Entity {
  '@context': 'https://schema.org';
  '@id': '';
  '@type': 'Message';
  type: 'https://schema.org/Message';
  citation: CitationClaim[];
}

/** The citation's name: the title, shortened so that publisher and review date fit in 80 characters. */
function citationName(quote: Quote, reviewedLabel: string): string {
  const details = sourceDetails(quote, reviewedLabel);
  if (!details) return shorten(quote.title, maxCitationNameLength);
  return `${shorten(quote.title, Math.max(20, maxCitationNameLength - details.length - 3))} · ${details}`;
}

/** Builds the Message entity for quotes shown as `[1]`, `[2]`, … in this order; `reviewedLabel` comes before a review date. */
export function buildCitationEntity(quotes: readonly Quote[], reviewedLabel: string): CitationMessageEntity {
  return {
    '@context': 'https://schema.org',
    '@id': '',
    '@type': 'Message',
    type: 'https://schema.org/Message',
    citation: quotes.map((quote, index) => ({
      '@type': 'Claim',
      position: index + 1,
      appearance: {
        '@type': 'DigitalDocument',
        name: citationName(quote, reviewedLabel),
        abstract: shorten(quote.text, maxCitationAbstractLength),
        text: quote.text,
        ...(quote.url ? { url: quote.url } : {}),
      },
    })),
  };
}

/**
 * Shortens text to at most `limit` characters (whitespace folded), cutting at a word boundary and
 * ending with "…" when it had to cut.
 */
export function shorten(text: string, limit: number): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  if (folded.length <= limit) return folded;
  const room = folded.slice(0, limit - 1);
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace > limit / 2 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:.-]+$/, '')}…`;
}
