import type { KnowledgeDocument, LocatedDisagreement } from '../content/loadKnowledge';
import type { Passage } from '../text/chunkDocument';
import type { AnswerEngineOptions } from './answerOptions';
import type { Disagreement, Quote } from './answerTypes';
import type { RankedPassage } from './rankPassages';

/** What quote selection needs to know about the knowledge base. */
export interface QuoteSources {
  documents: ReadonlyMap<string, KnowledgeDocument>;
  /** The passage before a passage in the same paragraph, if any. */
  previousInBlock: (passage: Passage) => Passage | undefined;
  disagreements: readonly LocatedDisagreement[];
}

/** Quotes chosen for an answer. */
export interface QuoteSelection {
  quotes: Quote[];
  disagreement?: Disagreement;
}

/** A sentence that leans on the one before it ("Because of this, …", "It helps …"). */
const LEANS_ON_PREVIOUS =
  /^(this|these|that|those|it|its|it’s|it's|they|their|them|he or she|she|he|because of this|however|then|both|such|with others|for others|others|also|in addition|as a result|otherwise|instead|therefore|thus)\b/i;

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function toQuote(document: KnowledgeDocument, start: number, end: number, score: number, section?: string): Quote {
  return {
    documentId: document.id,
    title: document.title,
    ...(document.url ? { url: document.url } : {}),
    start,
    end,
    text: document.text.slice(start, end),
    ...(section ? { section } : {}),
    score: Math.round(score * 1000) / 1000,
  };
}

/** How many sentences back a quote may reach to include what its first sentence leans on. */
const MAX_LEAN_BACK = 3;

function quoteFor(ranked: RankedPassage, sources: QuoteSources, topScore: number): Quote | undefined {
  const { passage } = ranked;
  const document = sources.documents.get(passage.documentId);
  if (!document) return undefined;
  let first = passage;
  for (let step = 0; step < MAX_LEAN_BACK && LEANS_ON_PREVIOUS.test(first.text); step += 1) {
    const previous = sources.previousInBlock(first);
    if (!previous || previous.kind !== 'sentence') break;
    first = previous;
  }
  return toQuote(document, first.start, passage.end, Math.min(1, ranked.score / topScore), passage.section);
}

function disagreementQuotes(selected: Quote[], sources: QuoteSources): QuoteSelection | undefined {
  for (const disagreement of sources.disagreements) {
    const touched = selected.filter((quote) => disagreement.sides.some((side) => side.documentId === quote.documentId && overlaps(side, quote)));
    if (touched.length === 0) continue;
    const quotes = disagreement.sides.flatMap((side) => {
      const document = sources.documents.get(side.documentId);
      const shown = touched.find((quote) => quote.documentId === side.documentId && overlaps(side, quote));
      return document ? [toQuote(document, side.start, side.end, shown?.score ?? 0.5)] : [];
    });
    return { quotes, disagreement: { id: disagreement.id, topic: disagreement.topic } };
  }
  return undefined;
}

/**
 * Picks up to `maxQuotes` quotes from the ranked passages: the best one, then others close enough in
 * score (a second quote from an already-quoted document must beat the floor by more), never overlapping.
 * A sentence that leans on the one before it is quoted with it. When a quote is one side of a known
 * disagreement, every side of it is shown instead, so the answer never picks one side.
 */
export function selectQuotes(ranked: readonly RankedPassage[], sources: QuoteSources, options: AnswerEngineOptions): QuoteSelection {
  const top = ranked[0];
  if (!top) return { quotes: [] };
  const quotes: Quote[] = [];
  for (const candidate of ranked) {
    if (quotes.length >= options.maxQuotes) break;
    if (candidate.coverage < options.confidenceThreshold) continue;
    const sameDocument = quotes.some((quote) => quote.documentId === candidate.passage.documentId);
    const score = candidate.score * (sameDocument ? options.sameDocumentFactor : 1);
    if (quotes.length > 0 && score < options.relativeScoreFloor * top.score) continue;
    const quote = quoteFor(candidate, sources, top.score);
    if (!quote || quotes.some((chosen) => chosen.documentId === quote.documentId && overlaps(chosen, quote))) continue;
    quotes.push(quote);
  }
  return disagreementQuotes(quotes, sources) ?? { quotes };
}
