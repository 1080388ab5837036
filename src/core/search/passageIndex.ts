import MiniSearch, { type SearchResult } from 'minisearch';
import type { Passage } from '../text/chunkDocument';
import type { TextAnalyzer } from '../text/analyzeText';

/** Options of the passage index. */
export interface PassageIndexOptions {
  /** Weight of a match in the passage's own text. Default 1. */
  textBoost: number;
  /** Weight of a match in the heading the passage stands under. Default 0.35 (context, not content). */
  sectionBoost: number;
  /** Weight of a match in the sentences right before and after the passage in its paragraph. Default 0.3. */
  neighbourBoost: number;
  /** Weight of a fuzzy (misspelled) match relative to an exact one. Default 0.7. */
  fuzzyWeight: number;
  /** Edits allowed to match a misspelled word, by its length: ≥ 8 letters 2, ≥ 5 letters 1, else none. */
  maxEdits: (term: string) => number;
  /** BM25 parameters (minisearch's defaults: k 1.2, b 0.7, d 0.5). */
  bm25: { k: number; b: number; d: number };
}

/** Default index options. */
export const defaultPassageIndexOptions: PassageIndexOptions = {
  textBoost: 1,
  sectionBoost: 0.35,
  neighbourBoost: 0.3,
  fuzzyWeight: 0.7,
  maxEdits: (term) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : 0),
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
};

/** One weighted search term. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** A passage found by a search, with what matched. */
export interface PassageHit {
  passage: Passage;
  /** BM25 score from minisearch. */
  score: number;
  /** Index terms that matched, with the fields they matched in. */
  matched: Map<string, string[]>;
}

/** The best hits of a search, and what all hits had in common. */
export interface TopHits {
  /** The best hits by BM25 score, at most the limit asked for. */
  hits: PassageHit[];
  /** The best BM25 score (of the first hit), or 0 without hits. */
  bestScore: number;
  /** Index terms matched by any hit (not only the best), each once, in the order first met in score order. */
  matchedTerms(): string[];
}

/** A full-text index of the quotable passages (sentences and lists). Headings are not indexed alone. */
export interface PassageIndex {
  /** Every passage matching any of the terms, best first. */
  search(terms: readonly WeightedTerm[]): PassageHit[];
  /** The same search, with hits built only for the best `limit` (cheaper on large corpora). */
  searchTop(terms: readonly WeightedTerm[], limit: number): TopHits;
  /** Number of passages containing a stem in their text (document frequency), 0 when unknown. */
  documentFrequency(stem: string): number;
  /** Inverse document frequency of a stem; unknown stems get the value of a stem seen once. */
  idf(stem: string): number;
  /** Number of indexed passages. */
  readonly size: number;
  /** The stems of a passage's text. */
  stemsOf(passageId: string): ReadonlySet<string>;
  /** The stems of the sentences around a passage in its paragraph. */
  neighbourStemsOf(passageId: string): ReadonlySet<string>;
}

interface IndexedPassage {
  id: string;
  text: string;
  section: string;
  neighbours: string;
}

function neighbourText(quotable: readonly Passage[], position: number): string {
  const passage = quotable[position];
  const same = (other: Passage | undefined): other is Passage =>
    other !== undefined && passage !== undefined && other.documentId === passage.documentId && other.block === passage.block;
  const before = quotable[position - 1];
  const after = quotable[position + 1];
  return [same(before) ? before.text : '', same(after) ? after.text : ''].join(' ').trim();
}

/** Builds the index over quotable passages with the given analyzer. */
export function createPassageIndex(
  passages: readonly Passage[],
  analyzer: TextAnalyzer,
  options: PassageIndexOptions = defaultPassageIndexOptions,
): PassageIndex {
  const quotable = passages.filter((passage) => passage.kind !== 'heading');
  const byId = new Map(quotable.map((passage) => [passage.id, passage]));
  const stems = new Map<string, Set<string>>();
  const neighbourStems = new Map<string, Set<string>>();
  const neighbours = quotable.map((_, position) => neighbourText(quotable, position));
  const frequency = new Map<string, number>();
  quotable.forEach((passage, position) => {
    const own = new Set(analyzer.terms(passage.text));
    stems.set(passage.id, own);
    neighbourStems.set(passage.id, new Set(analyzer.terms(neighbours[position] ?? '')));
    for (const stem of own) frequency.set(stem, (frequency.get(stem) ?? 0) + 1);
  });
  const search = new MiniSearch<IndexedPassage>({
    fields: ['text', 'section', 'neighbours'],
    tokenize: (text) => analyzer.terms(text),
    processTerm: (term) => term,
    searchOptions: {
      tokenize: (text) => text.split(' ').filter(Boolean),
      processTerm: (term) => term,
      boost: { text: options.textBoost, section: options.sectionBoost, neighbours: options.neighbourBoost },
      weights: { fuzzy: options.fuzzyWeight, prefix: 0 },
      bm25: options.bm25,
    },
  });
  search.addAll(quotable.map((passage, position) => ({ id: passage.id, text: passage.text, section: passage.section ?? '', neighbours: neighbours[position] ?? '' })));
  const count = quotable.length;
  const idf = (stem: string): number => Math.log(1 + count / Math.max(1, frequency.get(stem) ?? 0));
  const run = (terms: readonly WeightedTerm[]): SearchResult[] => {
    if (terms.length === 0) return [];
    const weights = new Map<string, number>();
    for (const { term, weight } of terms) weights.set(term, Math.max(weight, weights.get(term) ?? 0));
    return search.search([...weights.keys()].join(' '), {
      fuzzy: (term) => (frequency.has(term) ? false : options.maxEdits(term) || false),
      boostTerm: (term) => weights.get(term) ?? 1,
    });
  };
  const toHits = (results: readonly SearchResult[]): PassageHit[] =>
    results.flatMap((result) => {
      const passage = byId.get(String(result.id));
      if (!passage) return [];
      return [{ passage, score: result.score, matched: new Map(Object.entries(result.match)) }];
    });

  return {
    size: count,
    documentFrequency: (stem) => frequency.get(stem) ?? 0,
    idf,
    stemsOf: (passageId) => stems.get(passageId) ?? new Set<string>(),
    neighbourStemsOf: (passageId) => neighbourStems.get(passageId) ?? new Set<string>(),
    search: (terms) => toHits(run(terms)),
    searchTop(terms, limit) {
      const results = run(terms);
      return {
        hits: toHits(results.length > limit ? results.slice(0, limit) : results),
        bestScore: results[0]?.score ?? 0,
        matchedTerms: () => {
          const seen = new Set<string>();
          for (const result of results) for (const term of result.terms) seen.add(term);
          return [...seen];
        },
      };
    },
  };
}
