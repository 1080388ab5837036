/**
 * Citations in Teams' own format. The bot's replies carry the schema.org Message entity of DESIGN.md §3
 * (`appearance.text` = the verbatim quote). Teams renders a citation's `text` as a stringified Adaptive
 * Card in its citation pop-up (`encodingFormat: application/vnd.microsoft.card.adaptive`), so for Teams
 * each claim gets a small card holding the verbatim quote (a RichTextBlock TextRun, so no character of
 * it is read as Markdown) and its source. `name` (≤ 80) and `abstract` (≤ 160) keep their limits; no
 * `additionalType` "AIGeneratedContent" — nothing here is generated.
 */
import type { Entity } from 'botbuilder';
import { z } from 'zod';
import type { KnowledgeDocument } from '../../core/content/loadKnowledge';
import { maxCitationAbstractLength, maxCitationNameLength, shorten } from '../../bot/replies/citationEntity';
import type { QuoteRef } from '../../bot/replies/replyOutcome';

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

/** One claim of a citation entity. */
export type CitationClaimData = z.infer<typeof claimSchema>;

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

/** Finds the contract's citation entity among `entities`. */
export function findCitationEntity(entities: readonly unknown[] | undefined): z.infer<typeof citationEntitySchema> | undefined {
  for (const entity of entities ?? []) {
    const parsed = citationEntitySchema.safeParse(entity);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

/** What a citation's source line shows. */
export interface CitationSource {
  title: string;
  publisher?: string;
  reviewed?: string;
}

/** The document of a shown quote, looked up by `channelData.quotes[position - 1]`. */
export function documentOf(
  documents: ReadonlyMap<string, KnowledgeDocument>,
  refs: readonly QuoteRef[],
  position: number,
): { document: KnowledgeDocument; ref: QuoteRef } | undefined {
  const ref = refs[position - 1];
  const document = ref ? documents.get(ref.documentId) : undefined;
  return ref && document ? { document, ref } : undefined;
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
 * Turns the contract's citation entity into Teams' format. The quote comes from the document itself
 * (`channelData.quotes` say where), so it is verbatim even if the entity was shortened on the way.
 */
export function toTeamsCitationEntity(
  claims: readonly CitationClaimData[],
  refs: readonly QuoteRef[],
  documents: ReadonlyMap<string, KnowledgeDocument>,
  reviewedLabel: string,
): TeamsCitationEntity {
  return {
    '@context': 'https://schema.org',
    '@id': '',
    '@type': 'Message',
    type: 'https://schema.org/Message',
    citation: claims.map((claim) => {
      const found = documentOf(documents, refs, claim.position);
      const quote = found ? found.document.text.slice(found.ref.start, found.ref.end) : (claim.appearance.text ?? claim.appearance.abstract);
      const source: CitationSource = found
        ? { title: found.document.title, publisher: found.document.publisher, reviewed: found.document.reviewed }
        : { title: claim.appearance.name };
      const url = found?.document.url ?? claim.appearance.url;
      return {
        '@type': 'Claim',
        position: claim.position,
        appearance: {
          '@type': 'DigitalDocument',
          name: shorten(source.title, maxCitationNameLength),
          abstract: shorten(quote, maxCitationAbstractLength),
          text: JSON.stringify(citationCard(quote, source, reviewedLabel)),
          encodingFormat: adaptiveCardEncoding,
          ...(url ? { url } : {}),
          image: { '@type': 'ImageObject', name: 'Text' },
        },
      };
    }),
  };
}
