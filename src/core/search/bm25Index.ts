import SearchableMap from 'minisearch/SearchableMap';

/** BM25 parameters, as minisearch names them. */
export interface Bm25Params {
  /** Term frequency saturation. */
  k: number;
  /** Length normalisation. */
  b: number;
  /** Frequency normalisation lower bound (BM25+). */
  d: number;
}

/** How an index scores: per-field weights, the weight of fuzzy matches, BM25 parameters. */
export interface Bm25IndexOptions {
  /** Weight of a match in each field, by field number. */
  fieldBoosts: readonly number[];
  /** Weight of a fuzzy match at distance 0 (it falls with the distance, as in minisearch). */
  fuzzyWeight: number;
  bm25: Bm25Params;
}

/** One term of a query. */
export interface Bm25QueryTerm {
  /** An index term (already analysed). */
  term: string;
  /** Multiplies the term's score. */
  boost: number;
  /** Also match index terms within this many edits (Levenshtein); 0 for exact matching only. */
  maxEdits: number;
}

/** A document with its score for a query. */
export interface ScoredDocument {
  /** The document's number (its position when the index was built). */
  doc: number;
  score: number;
}

/** The outcome of one query. */
export interface Bm25Search {
  /** Number of documents matching any query term. */
  readonly matches: number;
  /** The best `limit` matching documents, best first; equal scores in the order the documents were first matched. */
  top(limit: number): ScoredDocument[];
  /** Index terms matched (each query term and its fuzzy matches), each once, in the order first met going down the ranking. */
  matchedTerms(): string[];
  /** The index terms matched in a document, each with the fields (numbers) it occurs in. */
  matchOf(doc: number): Map<string, number[]>;
}

/** An index term one query term matches, with the weight of the match. */
interface Expansion {
  id: number;
  weight: number;
}

/** Number of terms whose fuzzy matches are remembered. */
const FUZZY_MEMORY = 10_000;

/** Numbers of scratch values per document (see `Bm25Index.scratch`). */
const SCRATCH = 4;

/** Whether a string is an array index: such keys come first, in numeric order, among an object's keys. */
const isArrayIndex = (key: string): boolean => /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;

/** minisearch's BM25+ score of one term in one field of one document. */
function bm25Score(termFrequency: number, matching: number, total: number, fieldLength: number, averageLength: number, params: Bm25Params): number {
  const { k, b, d } = params;
  const inverseFrequency = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return inverseFrequency * (d + (termFrequency * (k + 1)) / (termFrequency + k * (1 - b + (b * fieldLength) / averageLength)));
}

/**
 * A BM25 index over documents with several fields, computing exactly what minisearch (7.x) computes
 * for an OR query with per-field boosts, term boosts and fuzzy matching, with the same ties, but
 * over flat posting lists whose per-posting BM25 score is computed once at build time. A query
 * touches only the postings of its terms (no result object per matching document) and keeps only
 * the best documents. Fuzzy matching uses minisearch's radix tree (`SearchableMap.fuzzyGet`) over the
 * vocabulary, built in the same order as minisearch builds its own, so fuzzy matches come in the same
 * order and their scores add up in the same order. One query is evaluated at a time: a search that
 * is read after the next query has run is evaluated again.
 */
export class Bm25Index {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly vocabulary = new SearchableMap<number>();
  private readonly fieldCount: number;
  /** Per document and field: the distinct term ids in order of first occurrence. */
  private readonly forwardOffsets: Int32Array;
  private readonly forwardTerms: Int32Array;
  /** Per term and field: the documents containing it (ascending) and the term's BM25 score in each. */
  private readonly postingOffsets: Int32Array;
  private readonly postingDocs: Int32Array;
  private readonly postingScores: Float64Array;
  /**
   * Scratch space of the query being evaluated: per document, side by side so that a posting touches
   * one cache line, [stamp, sum of the current query term, sum of the earlier ones, terms matched]
   * (after the query, the third holds the document's position among the matches).
   */
  private readonly scratch: Float64Array;
  /** The matched documents in the order first matched, and their final scores. */
  private readonly matched: Int32Array;
  private readonly finalScores: Float64Array;
  private matchedCount = 0;
  /** Stamp of the current query term; stamps of the current query are at least `queryStamp`. */
  private stamp = 0;
  private current: object | undefined;
  private readonly fuzzyMemory = new Map<string, readonly Expansion[]>();
  /** Per term id, the slot `withTerms` gave the term (0: none); all 0 outside `withTerms`. */
  private readonly termSlots: Int32Array;
  private slotsInUse = false;

  /**
   * Builds the index. `fieldsOf(doc)` gives a document's fields, each as its list of terms (repeats
   * count); documents are numbered 0 to `documentCount - 1` in the order given.
   */
  constructor(
    documentCount: number,
    fieldsOf: (doc: number) => ReadonlyArray<readonly string[]>,
    private readonly options: Bm25IndexOptions,
  ) {
    const fieldCount = (this.fieldCount = options.fieldBoosts.length);
    const forwardOffsets = new Int32Array(documentCount * fieldCount + 1);
    const forwardTerms: number[] = [];
    const forwardCounts: number[] = [];
    const averageLength = new Array<number>(fieldCount).fill(0);
    const listed: number[] = [];
    const listedAt: number[] = [];
    for (let doc = 0; doc < documentCount; doc += 1) {
      const fields = fieldsOf(doc);
      for (let field = 0; field < fieldCount; field += 1) {
        const slot = doc * fieldCount + field;
        const start = forwardTerms.length;
        for (const term of fields[field] ?? []) {
          let id = this.ids.get(term);
          if (id === undefined) {
            id = this.terms.length;
            this.ids.set(term, id);
            this.terms.push(term);
            this.vocabulary.set(term, id);
          }
          if (listed[id] === slot) {
            const at = listedAt[id] as number;
            forwardCounts[at] = (forwardCounts[at] as number) + 1;
          } else {
            listed[id] = slot;
            listedAt[id] = forwardTerms.length;
            forwardTerms.push(id);
            forwardCounts.push(1);
          }
        }
        forwardOffsets[slot + 1] = forwardTerms.length;
        // The average as minisearch keeps it, updated document by document.
        averageLength[field] = ((averageLength[field] as number) * doc + (forwardTerms.length - start)) / (doc + 1);
      }
    }
    this.forwardOffsets = forwardOffsets;
    this.forwardTerms = Int32Array.from(forwardTerms);

    const slots = this.terms.length * fieldCount;
    const postingOffsets = new Int32Array(slots + 1);
    for (let doc = 0; doc < documentCount; doc += 1) {
      for (let field = 0; field < fieldCount; field += 1) {
        const slot = doc * fieldCount + field;
        for (let at = forwardOffsets[slot] as number; at < (forwardOffsets[slot + 1] as number); at += 1) {
          const next = (forwardTerms[at] as number) * fieldCount + field + 1;
          postingOffsets[next] = (postingOffsets[next] as number) + 1;
        }
      }
    }
    for (let slot = 0; slot < slots; slot += 1) postingOffsets[slot + 1] = (postingOffsets[slot + 1] as number) + (postingOffsets[slot] as number);
    const fill = postingOffsets.slice(0, slots);
    this.postingOffsets = postingOffsets;
    this.postingDocs = new Int32Array(forwardTerms.length);
    this.postingScores = new Float64Array(forwardTerms.length);
    for (let doc = 0; doc < documentCount; doc += 1) {
      for (let field = 0; field < fieldCount; field += 1) {
        const slot = doc * fieldCount + field;
        const start = forwardOffsets[slot] as number;
        const end = forwardOffsets[slot + 1] as number;
        for (let at = start; at < end; at += 1) {
          const termSlot = (forwardTerms[at] as number) * fieldCount + field;
          const position = (fill[termSlot] as number)++;
          const matching = (postingOffsets[termSlot + 1] as number) - (postingOffsets[termSlot] as number);
          this.postingDocs[position] = doc;
          this.postingScores[position] = bm25Score(forwardCounts[at] as number, matching, documentCount, end - start, averageLength[field] as number, options.bm25);
        }
      }
    }

    this.scratch = new Float64Array(documentCount * SCRATCH);
    this.matched = new Int32Array(documentCount);
    this.finalScores = new Float64Array(documentCount);
    this.termSlots = new Int32Array(this.terms.length);
  }

  /**
   * Runs `use` with a lookup of which of `terms` a document's field contains: `find(doc, field, found)`
   * sets `found[i + 1]` to 1 when the field contains `terms[i]` and leaves the rest of `found` as it
   * was (`found[0]` is scratch: every other term of the field marks it). Terms the index does not know
   * are never found. Costs one pass over the field's distinct terms, whatever the number of terms
   * asked. Synchronous: `use` may not call `withTerms` again.
   */
  withTerms<T>(terms: readonly string[], use: (find: (doc: number, field: number, found: Uint8Array) => void) => T): T {
    if (this.slotsInUse) throw new Error('Bm25Index.withTerms does not nest');
    const { termSlots, forwardOffsets, forwardTerms, fieldCount } = this;
    const ids: number[] = [];
    terms.forEach((term, i) => {
      const id = this.ids.get(term);
      if (id !== undefined && termSlots[id] === 0) {
        termSlots[id] = i + 1;
        ids.push(id);
      }
    });
    this.slotsInUse = true;
    try {
      return use((doc, field, found) => {
        const slot = doc * fieldCount + field;
        const end = forwardOffsets[slot + 1] as number;
        for (let at = forwardOffsets[slot] as number; at < end; at += 1) found[termSlots[forwardTerms[at] as number] as number] = 1;
      });
    } finally {
      for (const id of ids) termSlots[id] = 0;
      this.slotsInUse = false;
    }
  }

  /** Number of documents containing a term in a field. */
  frequency(term: string, field: number): number {
    const id = this.ids.get(term);
    if (id === undefined) return 0;
    const slot = id * this.fieldCount + field;
    return (this.postingOffsets[slot + 1] as number) - (this.postingOffsets[slot] as number);
  }

  /** The distinct terms of a document's field, in order of first occurrence. */
  termsOf(doc: number, field: number): string[] {
    const slot = doc * this.fieldCount + field;
    const result: string[] = [];
    for (let at = this.forwardOffsets[slot] as number; at < (this.forwardOffsets[slot + 1] as number); at += 1) {
      result.push(this.terms[this.forwardTerms[at] as number] as string);
    }
    return result;
  }

  /** Evaluates an OR query: every document containing any query term (or a fuzzy match of it) is a match. */
  search(query: readonly Bm25QueryTerm[]): Bm25Search {
    // Filled by push, not `map`: V8's inlined `map` and its built-in one give arrays of different elements
    // kinds, and the loops reading them were deoptimised ('wrong map').
    const expansions: Expansion[][] = [];
    for (const queryTerm of query) expansions.push(this.expand(queryTerm));
    const token = {};
    const ensure = (): void => {
      if (this.current !== token) this.evaluate(query, expansions, token);
    };
    ensure();
    const matches = this.matchedCount;
    // Each matched index term's position among a document's matched terms, as minisearch orders them.
    const keyOrder = new Map<number, number>();
    for (const expansion of expansions) for (const { id } of expansion) if (!keyOrder.has(id)) keyOrder.set(id, keyOrder.size);
    const byKey = (a: number, b: number): number => {
      const first = this.terms[a] as string;
      const second = this.terms[b] as string;
      const indexA = isArrayIndex(first);
      if (indexA !== isArrayIndex(second)) return indexA ? -1 : 1;
      if (indexA) return Number(first) - Number(second);
      return (keyOrder.get(a) as number) - (keyOrder.get(b) as number);
    };
    return {
      matches,
      top: (limit) => {
        ensure();
        return this.top(limit);
      },
      matchedTerms: () => {
        ensure();
        const best = new Map<number, number>();
        for (const id of keyOrder.keys()) best.set(id, this.bestMatchWith(id));
        return [...keyOrder.keys()]
          .sort((a, b) => {
            const matchA = best.get(a) as number;
            const matchB = best.get(b) as number;
            return matchA === matchB ? byKey(a, b) : this.ranksBefore(matchA, matchB) ? -1 : 1;
          })
          .map((id) => this.terms[id] as string);
      },
      matchOf: (doc) => {
        const fields = new Map<number, number[]>();
        for (let field = 0; field < this.fieldCount; field += 1) {
          const slot = doc * this.fieldCount + field;
          for (let at = this.forwardOffsets[slot] as number; at < (this.forwardOffsets[slot + 1] as number); at += 1) {
            const id = this.forwardTerms[at] as number;
            if (!keyOrder.has(id)) continue;
            const list = fields.get(id);
            if (list) list.push(field);
            else fields.set(id, [field]);
          }
        }
        return new Map([...fields.keys()].sort(byKey).map((id) => [this.terms[id] as string, fields.get(id) as number[]]));
      },
    };
  }

  /** The index terms a query term matches: itself (weight 1), then its fuzzy matches in the radix tree's order. */
  private expand({ term, maxEdits }: Bm25QueryTerm): Expansion[] {
    const expansions: Expansion[] = [];
    const id = this.ids.get(term);
    if (id !== undefined) expansions.push({ id, weight: 1 });
    if (maxEdits > 0) expansions.push(...this.fuzzyMatches(term, maxEdits));
    return expansions;
  }

  /**
   * The index terms within `maxEdits` of a term (but not the term itself), in the radix tree's order.
   * The vocabulary never changes, so the answers are remembered, for the last `FUZZY_MEMORY` terms
   * asked (mostly synonyms the documents don't use, looked up again by every question that names them).
   */
  private fuzzyMatches(term: string, maxEdits: number): readonly Expansion[] {
    const key = `${maxEdits}\u0000${term}`;
    const remembered = this.fuzzyMemory.get(key);
    if (remembered) return remembered;
    const matches: Expansion[] = [];
    for (const [match, [matchId, distance]] of this.vocabulary.fuzzyGet(term, maxEdits)) {
      if (distance > 0) matches.push({ id: matchId, weight: (this.options.fuzzyWeight * match.length) / (match.length + distance) });
    }
    if (this.fuzzyMemory.size >= FUZZY_MEMORY) this.fuzzyMemory.delete(this.fuzzyMemory.keys().next().value as string);
    this.fuzzyMemory.set(key, matches);
    return matches;
  }

  /**
   * Term at a time, in minisearch's order of additions: for each query term, its expansions, and for
   * each expansion its fields. A document's score for a query term is summed first and added to its
   * total when the next query term reaches it (or at the end), as minisearch adds them; the final
   * score is the total times the number of query terms matched.
   */
  private evaluate(query: readonly Bm25QueryTerm[], expansions: readonly Expansion[][], token: object): void {
    const { fieldBoosts } = this.options;
    const queryStamp = this.stamp + 1;
    let count = 0;
    for (let position = 0; position < query.length; position += 1) {
      const stamp = ++this.stamp;
      const boost = (query[position] as Bm25QueryTerm).boost;
      for (const { id, weight } of expansions[position] ?? []) {
        for (let field = 0; field < this.fieldCount; field += 1) {
          count = this.addPostings(id * this.fieldCount + field, weight * boost * (fieldBoosts[field] as number), stamp, queryStamp, count);
        }
      }
    }
    this.finish(count);
    this.current = token;
  }

  // The loops over postings and matches are methods of their own, called on every query, so that V8
  // optimises them as functions: compiled on the fly inside `evaluate` (on-stack replacement), they
  // were thrown back to the interpreter on every query.

  /** Adds one term-field's postings, times `factor`, to the scratch space; returns the new match count. */
  private addPostings(slot: number, factor: number, stamp: number, queryStamp: number, count: number): number {
    const { scratch, matched, postingOffsets, postingDocs, postingScores } = this;
    const end = postingOffsets[slot + 1] as number;
    for (let at = postingOffsets[slot] as number; at < end; at += 1) {
      const base = (postingDocs[at] as number) * SCRATCH;
      const score = factor * (postingScores[at] as number);
      const seen = scratch[base] as number;
      if (seen === stamp) {
        scratch[base + 1] = (scratch[base + 1] as number) + score;
      } else if (seen >= queryStamp) {
        scratch[base] = stamp;
        scratch[base + 2] = (scratch[base + 2] as number) + (scratch[base + 1] as number);
        scratch[base + 1] = score;
        scratch[base + 3] = (scratch[base + 3] as number) + 1;
      } else {
        scratch[base] = stamp;
        scratch[base + 1] = score;
        scratch[base + 2] = 0;
        scratch[base + 3] = 1;
        matched[count++] = postingDocs[at] as number;
      }
    }
    return count;
  }

  /** Final scores of the `count` matches; each match's position among them goes to its scratch space. */
  private finish(count: number): void {
    const { scratch, matched, finalScores } = this;
    for (let at = 0; at < count; at += 1) {
      const base = (matched[at] as number) * SCRATCH;
      finalScores[at] = ((scratch[base + 2] as number) + (scratch[base + 1] as number)) * (scratch[base + 3] as number);
      scratch[base + 2] = at;
    }
    this.matchedCount = count;
  }

  /** Whether the match at one position ranks before the match at another: a higher score, or the same score and matched first. */
  private ranksBefore(a: number, b: number): boolean {
    const scoreA = this.finalScores[a] as number;
    const scoreB = this.finalScores[b] as number;
    return scoreA > scoreB || (scoreA === scoreB && a < b);
  }

  /** The position among the matches of the best-ranked document containing a term (in any field). */
  private bestMatchWith(id: number): number {
    let best = -1;
    for (let field = 0; field < this.fieldCount; field += 1) {
      const slot = id * this.fieldCount + field;
      for (let at = this.postingOffsets[slot] as number; at < (this.postingOffsets[slot + 1] as number); at += 1) {
        const position = this.scratch[(this.postingDocs[at] as number) * SCRATCH + 2] as number;
        if (best < 0 || this.ranksBefore(position, best)) best = position;
      }
    }
    return best;
  }

  /** The best `limit` matched documents: a bounded heap whose root is the worst kept, then sorted. */
  private top(limit: number): ScoredDocument[] {
    const count = this.matchedCount;
    const scores = this.finalScores;
    const kept: number[] = [];
    if (count <= limit) {
      for (let at = 0; at < count; at += 1) kept.push(at);
    } else if (limit > 0) {
      const worse = (a: number, b: number): boolean => this.ranksBefore(b, a);
      for (let position = 0; position < limit; position += 1) {
        let child = kept.push(position) - 1;
        while (child > 0) {
          const parent = (child - 1) >> 1;
          if (!worse(position, kept[parent] as number)) break;
          kept[child] = kept[parent] as number;
          child = parent;
        }
        kept[child] = position;
      }
      // Positions come in increasing order, so a later match ranks before the root only by a higher score.
      let worstKept = scores[kept[0] as number] as number;
      for (let position = limit; position < count; position += 1) {
        if (!((scores[position] as number) > worstKept)) continue;
        let parent = 0;
        for (;;) {
          const left = 2 * parent + 1;
          if (left >= limit) break;
          const right = left + 1;
          const child = right < limit && worse(kept[right] as number, kept[left] as number) ? right : left;
          if (!worse(kept[child] as number, position)) break;
          kept[parent] = kept[child] as number;
          parent = child;
        }
        kept[parent] = position;
        worstKept = scores[kept[0] as number] as number;
      }
    }
    // Filled by push, not `map`: one elements kind for the caller's loop (see rankPassages).
    const best: ScoredDocument[] = [];
    for (const position of kept.sort((a, b) => (this.ranksBefore(a, b) ? -1 : 1))) best.push({ doc: this.matched[position] as number, score: scores[position] as number });
    return best;
  }
}
