/**
 * The schema.org Message entity that carries an answer's citations (DESIGN.md §3), as Web Chat (≥ 4.16)
 * and Teams read it. Claims are matched to the Markdown markers by `position`.
 */
import type { Entity } from 'botbuilder';
import type { Quote } from '../../core/answer/answerTypes';

/** Longest citation name (document title) Teams shows. */
export const maxCitationNameLength = 80;
/** Longest citation abstract (start of the quote) Teams shows. */
export const maxCitationAbstractLength = 160;

/** The document a citation points to. */
export interface CitationAppearance {
  '@type': 'DigitalDocument';
  /** Document title, at most 80 characters. */
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

/** Builds the Message entity for quotes shown as `[1]`, `[2]`, … in this order. */
export function buildCitationEntity(quotes: readonly Quote[]): CitationMessageEntity {
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
        name: shorten(quote.title, maxCitationNameLength),
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
