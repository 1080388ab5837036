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
  /** The passage after a passage in the same paragraph, if any. */
  nextInBlock: (passage: Passage) => Passage | undefined;
  disagreements: readonly LocatedDisagreement[];
}

/** Quotes chosen for an answer. */
export interface QuoteSelection {
  quotes: Quote[];
  disagreement?: Disagreement;
}

/** Openings that point back at something named before ("These procedures …", "It helps …"). */
const PRONOUN_OPENINGS = 'this|these|that|those|it|its|it’s|it\'s|they|their|them|he or she|she|he';

/** A sentence that leans on the one before it ("Because of this, …", "It helps …"). */
const LEANS_ON_PREVIOUS = new RegExp(
  `^(${PRONOUN_OPENINGS}|because of this|however|then|both|such|with others|for others|others|also|in addition|as a result|otherwise|instead|therefore|thus)\\b`,
  'i',
);

/** A pronoun opening that says too little alone ("These procedures …" right after a heading): such a sentence is not quoted without what it refers to. */
const DANGLING = new RegExp(`^(${PRONOUN_OPENINGS})\\b`, 'i');

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The catalog's facts a quote carries: title, and URL, publisher and review date when known. */
export function catalogFields(document: KnowledgeDocument): Pick<Quote, 'title' | 'url' | 'publisher' | 'reviewed'> {
  return {
    title: document.title,
    ...(document.url ? { url: document.url } : {}),
    ...(document.publisher !== 'unknown' ? { publisher: document.publisher } : {}),
    reviewed: document.reviewed,
  };
}

function toQuote(document: KnowledgeDocument, start: number, end: number, score: number, section?: string): Quote {
  return {
    documentId: document.id,
    ...catalogFields(document),
    start,
    end,
    text: document.text.slice(start, end),
    ...(section ? { section } : {}),
    score: Math.round(score * 1000) / 1000,
  };
}

/** How many sentences back a quote may reach to include what its first sentence leans on. */
const MAX_LEAN_BACK = 3;

/** A money figure ("$15,295", "€ 900", "2,000 dollars"): what it costs depends on where and when. */
const MONEY_FIGURE = /[$€£]\s?\d|\b\d[\d,.]*\s?(dollars|euros|pounds|USD|EUR|GBP)\b/i;

/** A year or a date ("in 2014", "between 2006–2014"). */
const YEAR = /\b(19|20)\d{2}\b/;

/**
 * A quote with a money figure also gets the adjacent sentence of its paragraph that gives a year (the one
 * before it first), so that a reader sees where and when the figure is from ("… across the United States
 * in 2014. The average cost … was $15,295"), not a price of the clinic's own.
 */
function withDatingSentence(first: Passage, last: Passage, sources: QuoteSources): [Passage, Passage] {
  const text = [first, last].map((passage) => passage.text).join(' ');
  if (!MONEY_FIGURE.test(text)) return [first, last];
  const before = sources.previousInBlock(first);
  if (before?.kind === 'sentence' && YEAR.test(before.text)) return [before, last];
  const after = sources.nextInBlock(last);
  if (after?.kind === 'sentence' && YEAR.test(after.text)) return [first, after];
  return [first, last];
}

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
  if (DANGLING.test(first.text)) return undefined;
  const [from, to] = withDatingSentence(first, passage, sources);
  return toQuote(document, from.start, to.end, Math.min(1, ranked.score / topScore), passage.section);
}

function touchedDisagreement(quote: Quote, sources: QuoteSources): LocatedDisagreement | undefined {
  return sources.disagreements.find((disagreement) =>
    disagreement.sides.some((side) => side.documentId === quote.documentId && overlaps(side, quote)),
  );
}

function disagreementQuotes(best: Quote, disagreement: LocatedDisagreement, sources: QuoteSources): QuoteSelection {
  const quotes = disagreement.sides.flatMap((side) => {
    const document = sources.documents.get(side.documentId);
    const score = side.documentId === best.documentId && overlaps(side, best) ? best.score : 0.5;
    return document ? [toQuote(document, side.start, side.end, score)] : [];
  });
  return { quotes, disagreement: { id: disagreement.id, topic: disagreement.topic } };
}

/** The disagreement a question of its type asks about, when one of its sides is among the best candidates. */
function askedDisagreement(
  ranked: readonly RankedPassage[],
  sources: QuoteSources,
  options: AnswerEngineOptions,
  questionTypes: readonly string[],
): QuoteSelection | undefined {
  const asked = sources.disagreements.filter((disagreement) => disagreement.questionTypes.some((type) => questionTypes.includes(type)));
  if (asked.length === 0) return undefined;
  const top = ranked[0];
  for (const candidate of ranked.slice(0, options.disagreementReach)) {
    if (!top || candidate.coverage < options.confidenceThreshold) continue;
    const quote = quoteFor(candidate, sources, top.score);
    const disagreement = quote && touchedDisagreement(quote, sources);
    if (quote && disagreement && asked.includes(disagreement)) return disagreementQuotes(quote, disagreement, sources);
  }
  return undefined;
}

/**
 * The ranking with its best `keptTopRanks` in the order they are quoted: by score plus
 * `firstQuoteCoverageWeight` × coverage, so that of close candidates the one covering more of the
 * question (the one the answer's confidence comes from) comes first.
 */
function withBestFirst(ranked: readonly RankedPassage[], options: AnswerEngineOptions): readonly RankedPassage[] {
  const weight = options.firstQuoteCoverageWeight;
  const order = (r: RankedPassage): number => r.score + weight * r.coverage;
  const head = ranked.slice(0, options.keptTopRanks).sort((a, b) => order(b) - order(a));
  return [...head, ...ranked.slice(head.length)];
}

/**
 * Picks up to `maxQuotes` quotes from the ranked passages (their best `keptTopRanks` reordered by
 * `withBestFirst`): the best one that covers the question, then
 * the rest of the ranking's best `keptTopRanks`, then others that cover the question and come close
 * enough in score (a second quote from an already-quoted document must beat the floor by more), never
 * overlapping.
 * A sentence that leans on the one before it is quoted with it. A known disagreement is never shown by
 * one side: when the best quote is one side of it, or the question is of a type that asks about it
 * (`questionTypes` in disagreements.json) and one of the best `disagreementReach` candidates is a side,
 * every side is shown instead; otherwise a lesser quote that is one side is left out.
 */
export function selectQuotes(
  ranking: readonly RankedPassage[],
  sources: QuoteSources,
  options: AnswerEngineOptions,
  questionTypes: readonly string[] = [],
): QuoteSelection {
  const ranked = withBestFirst(ranking, options);
  const top = ranked[0];
  if (!top) return { quotes: [] };
  const asked = askedDisagreement(ranked, sources, options, questionTypes);
  if (asked) return asked;
  const quotes: Quote[] = [];
  for (let rank = 0; rank < ranked.length && quotes.length < options.maxQuotes; rank += 1) {
    const candidate = ranked[rank] as RankedPassage;
    // The ranking's best few are shown beside a first quote that covers the question, whatever their own
    // coverage or score: quote selection never drops them.
    const keptTop = quotes.length > 0 && rank < options.keptTopRanks;
    if (!keptTop && candidate.coverage < options.confidenceThreshold) continue;
    const sameDocument = quotes.some((quote) => quote.documentId === candidate.passage.documentId);
    const score = candidate.score * (sameDocument ? options.sameDocumentFactor : 1);
    if (quotes.length > 0 && !keptTop && score < options.relativeScoreFloor * top.score) continue;
    const quote = quoteFor(candidate, sources, top.score);
    if (!quote || quotes.some((chosen) => chosen.documentId === quote.documentId && overlaps(chosen, quote))) continue;
    const disagreement = touchedDisagreement(quote, sources);
    if (disagreement && quotes.length === 0) return disagreementQuotes(quote, disagreement, sources);
    if (!disagreement) quotes.push(quote);
  }
  return { quotes };
}
