import type { Passage } from '../text/chunkDocument';
import type { TextAnalyzer } from '../text/analyzeText';
import { Bm25Index, type Bm25Params, type Bm25QueryTerm, type Bm25Search } from './bm25Index';

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
  bm25: Bm25Params;
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
  /** The passage's number in the index (0 to `size - 1`), for per-passage tables. */
  position: number;
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
  /**
   * Runs `use` with a lookup of which of `stems` (distinct) passages contain: `find(position, found)`
   * sets `found.text[i + 1]` to 1 when the passage's text contains `stems[i]` and to 0 when it does not,
   * the same for the heading above it (`section`) and the sentences around it (`neighbours`); index 0
   * of each array is scratch. Each array needs `stems.length + 1` places. Synchronous, not nested.
   */
  withStems<T>(stems: readonly string[], use: (find: (position: number, found: StemsFound) => void) => T): T;
}

/** Which of some stems a passage contains, by where: `text[i + 1]` is 1 when its text contains stem i. */
export interface StemsFound {
  text: Uint8Array;
  section: Uint8Array;
  neighbours: Uint8Array;
}

function neighbourPositions(quotable: readonly Passage[], position: number): number[] {
  const passage = quotable[position];
  const same = (other: Passage | undefined): boolean =>
    other !== undefined && passage !== undefined && other.documentId === passage.documentId && other.block === passage.block;
  return [position - 1, position + 1].filter((other) => same(quotable[other]));
}

const fieldNames = ['text', 'section', 'neighbours'] as const;
const TEXT = 0;
const SECTION = 1;
const NEIGHBOURS = 2;

/** A hit whose matched terms are looked up only when read. */
class Hit implements PassageHit {
  private matchedTerms: Map<string, string[]> | undefined;

  constructor(
    readonly passage: Passage,
    readonly score: number,
    private readonly found: Bm25Search,
    readonly position: number,
  ) {}

  get matched(): Map<string, string[]> {
    this.matchedTerms ??= new Map([...this.found.matchOf(this.position)].map(([term, fields]) => [term, fields.map((field) => fieldNames[field] as string)]));
    return this.matchedTerms;
  }
}

/**
 * Builds the index over quotable passages with the given analyzer. Each passage is indexed with three
 * fields: its text, the heading it stands under and the sentences around it in its paragraph (the
 * neighbours' terms are their texts' terms, one after the other). Scores are minisearch's BM25 for an
 * OR query of the terms (see `Bm25Index`).
 */
export function createPassageIndex(
  passages: readonly Passage[],
  analyzer: TextAnalyzer,
  options: PassageIndexOptions = defaultPassageIndexOptions,
): PassageIndex {
  const quotable = passages.filter((passage) => passage.kind !== 'heading');
  const textTerms = quotable.map((passage) => analyzer.terms(passage.text));
  const sectionTerms = new Map<string, string[]>();
  const termsOfSection = (section: string): string[] => {
    let terms = sectionTerms.get(section);
    if (!terms) sectionTerms.set(section, (terms = analyzer.terms(section)));
    return terms;
  };
  const index = new Bm25Index(
    quotable.length,
    (doc) => [
      textTerms[doc] ?? [],
      termsOfSection(quotable[doc]?.section ?? ''),
      neighbourPositions(quotable, doc).flatMap((other) => textTerms[other] ?? []),
    ],
    { fieldBoosts: [options.textBoost, options.sectionBoost, options.neighbourBoost], fuzzyWeight: options.fuzzyWeight, bm25: options.bm25 },
  );
  const count = quotable.length;
  const frequency = (stem: string): number => index.frequency(stem, TEXT);
  const idf = (stem: string): number => Math.log(1 + count / Math.max(1, frequency(stem)));
  const run = (terms: readonly WeightedTerm[]): Bm25Search => {
    const weights = new Map<string, number>();
    for (const { term, weight } of terms) weights.set(term, Math.max(weight, weights.get(term) ?? 0));
    // Filled by push, not `map`, for one elements kind (see rankPassages).
    const query: Bm25QueryTerm[] = [];
    for (const [term, boost] of weights) query.push({ term, boost, maxEdits: frequency(term) > 0 ? 0 : options.maxEdits(term) });
    return index.search(query);
  };
  // Filled by push, not `map`, for one elements kind (see rankPassages).
  const toHits = (found: Bm25Search, limit: number): PassageHit[] => {
    const hits: PassageHit[] = [];
    for (const { doc, score } of found.top(limit)) hits.push(new Hit(quotable[doc] as Passage, score, found, doc));
    return hits;
  };

  return {
    size: count,
    documentFrequency: frequency,
    idf,
    withStems: (stems, use) =>
      index.withTerms(stems, (findTerms) =>
        use((doc, found) => {
          found.text.fill(0);
          found.section.fill(0);
          found.neighbours.fill(0);
          findTerms(doc, TEXT, found.text);
          findTerms(doc, SECTION, found.section);
          findTerms(doc, NEIGHBOURS, found.neighbours);
        }),
      ),
    search: (terms) => {
      const found = run(terms);
      return toHits(found, found.matches);
    },
    searchTop(terms, limit) {
      const found = run(terms);
      const hits = toHits(found, limit);
      return { hits, bestScore: hits[0]?.score ?? 0, matchedTerms: () => found.matchedTerms() };
    },
  };
}
