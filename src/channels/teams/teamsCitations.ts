/**
 * Citations in Teams' own format. The bot's replies carry the schema.org Message entity of DESIGN.md §3
 * (`appearance.text` = the verbatim quote). Teams renders a citation's `text` as a stringified Adaptive
 * Card in its citation pop-up (`encodingFormat: application/vnd.microsoft.card.adaptive`), so for Teams
 * the contract's entity is replaced: each quote the reply shows (its content, replyContent.ts) gets a
 * claim with a small card holding the verbatim quote (a RichTextBlock TextRun, so no character of it is
 * read as Markdown) and its source. `name` (≤ 80) and `abstract` (≤ 160) keep their limits; no
 * `additionalType` "AIGeneratedContent" — nothing here is generated.
 */
import type { Entity } from 'botbuilder';
import { z } from 'zod';
import type { KnowledgeDocument } from '../../core/content/loadKnowledge';
import { maxCitationAbstractLength, maxCitationNameLength, shorten } from '../../bot/replies/citationEntity';
import type { Quote } from '../../core/answer/answerTypes';

/** `encodingFormat` of a citation whose `text` is a stringified Adaptive Card. */
export const adaptiveCardEncoding = 'application/vnd.microsoft.card.adaptive';

const claimSchema = z.object({
  '@type': z.literal('Claim'),
  position: z.number().int().min(1),
  appearance: z
    .object({ name: z.string(), abstract: z.string(), text: z.string().optional(), url: z.string().optional() })
    .loose(),
});

/** The contract's citation entity (DESIGN.md §3), as found among an activity's entities. */
export const citationEntitySchema = z
  .object({ '@type': z.literal('Message'), type: z.literal('https://schema.org/Message'), citation: z.array(claimSchema) })
  .loose();

/** A Teams citation (a claim whose `text` is an Adaptive Card). */
export interface TeamsCitationClaim {
  '@type': 'Claim';
  position: number;
  appearance: {
    '@type': 'DigitalDocument';
    /** Document title, at most 80 characters. */
    name: string;
    /** Start of the quote, at most 160 characters. */
    abstract: string;
    /** Stringified Adaptive Card: the verbatim quote and its source. */
    text: string;
    encodingFormat: typeof adaptiveCardEncoding;
    /** The document's URL, when the clinic gave one (the name becomes a link). */
    url?: string;
    /** Teams' icon for the source: the clinic's documents are text. */
    image: { '@type': 'ImageObject'; name: 'Text' };
  };
}

/** The Message entity of a Teams reply. */
export interface TeamsCitationEntity extends Entity {
  '@context': 'https://schema.org';
  '@id': '';
  '@type': 'Message';
  type: 'https://schema.org/Message';
  citation: TeamsCitationClaim[];
}

/** What a citation's source line shows. */
export interface CitationSource {
  title: string;
  publisher?: string;
  reviewed?: string;
}

/** The Adaptive Card shown in Teams' citation pop-up. */
export function citationCard(quote: string, source: CitationSource, reviewedLabel: string): Record<string, unknown> {
  const details = [source.publisher && source.publisher !== 'unknown' ? source.publisher : undefined, source.reviewed ? `${reviewedLabel} ${source.reviewed}` : undefined]
    .filter((part): part is string => part !== undefined)
    .join(' · ');
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: quote }] },
      {
        type: 'RichTextBlock',
        spacing: 'Medium',
        inlines: [{ type: 'TextRun', text: details ? `${source.title} · ${details}` : source.title, isSubtle: true, size: 'Small' }],
      },
    ],
  };
}

/**
 * The citations of a reply's quotes (its content, in marker order) in Teams' format, replacing the
 * contract's citation entity. Each quote is read from its document at its offsets, so it is verbatim.
 */
export function toTeamsCitationEntity(
  quotes: readonly Quote[],
  documents: ReadonlyMap<string, KnowledgeDocument>,
  reviewedLabel: string,
): TeamsCitationEntity {
  return {
    '@context': 'https://schema.org',
    '@id': '',
    '@type': 'Message',
    type: 'https://schema.org/Message',
    citation: quotes.map((quote, index) => {
      const document = documents.get(quote.documentId);
      const text = document ? document.text.slice(quote.start, quote.end) : quote.text;
      const source: CitationSource = document
        ? { title: document.title, publisher: document.publisher, reviewed: document.reviewed }
        : { title: quote.title, publisher: quote.publisher, reviewed: quote.reviewed };
      const url = document?.url ?? quote.url;
      return {
        '@type': 'Claim',
        position: index + 1,
        appearance: {
          '@type': 'DigitalDocument',
          name: shorten(source.title, maxCitationNameLength),
          abstract: shorten(text, maxCitationAbstractLength),
          text: JSON.stringify(citationCard(text, source, reviewedLabel)),
          encodingFormat: adaptiveCardEncoding,
          ...(url ? { url } : {}),
          image: { '@type': 'ImageObject', name: 'Text' },
        },
      };
    }),
  };
}
