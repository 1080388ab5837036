import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { createPassageIndex, defaultPassageIndexOptions, type PassageHit, type WeightedTerm } from '../../src/core/search/passageIndex';
import { createSynonymExpander } from '../../src/core/search/synonymExpander';
import { createTextAnalyzer } from '../../src/core/text/analyzeText';
import type { Passage } from '../../src/core/text/chunkDocument';

const analyzer = createTextAnalyzer();

/** A small corpus: two documents, paragraphs (blocks) of several sentences, headings, a duplicate sentence. */
const rows: Array<[documentId: string, block: number, kind: Passage['kind'], text: string, section?: string]> = [
  ['a', 0, 'heading', 'What is kyphoplasty?'],
  ['a', 1, 'sentence', 'Kyphoplasty is a procedure for spinal compression fractures.', 'What is kyphoplasty?'],
  ['a', 1, 'sentence', 'A balloon is inflated inside the fractured vertebra before bone cement is injected.', 'What is kyphoplasty?'],
  ['a', 1, 'sentence', 'The cement hardens quickly.', 'What is kyphoplasty?'],
  ['a', 2, 'heading', 'How long does it take?'],
  ['a', 3, 'sentence', 'The procedure takes about one hour for each vertebra.', 'How long does it take?'],
  ['a', 3, 'sentence', 'Most patients go home the same day.', 'How long does it take?'],
  ['a', 4, 'list', 'Risks include:\n- infection\n- bleeding\n- cement leakage', 'Risks'],
  ['b', 0, 'sentence', 'Vertebroplasty injects bone cement without a balloon.'],
  ['b', 0, 'sentence', 'Kyphoplasty and vertebroplasty relieve pain in most patients.'],
  ['b', 1, 'sentence', 'Most patients go home the same day.', 'Recovery'],
  ['b', 1, 'sentence', 'Recovery takes a few days; the cost was $15295 in 2020.', 'Recovery'],
  ['b', 2, 'sentence', 'Fractures of the spine are common in osteoporosis.', 'Osteoporosis and the spine'],
];
const passages: Passage[] = rows.map(([documentId, block, kind, text, section], index) => ({
  id: `${documentId}#${index}`,
  documentId,
  kind,
  start: index * 100,
  end: index * 100 + text.length,
  text,
  block,
  index,
  ...(section ? { section } : {}),
}));
const quotable = passages.filter((passage) => passage.kind !== 'heading');
const index = createPassageIndex(passages, analyzer);
const options = defaultPassageIndexOptions;

const neighbourText = (position: number): string => {
  const passage = quotable[position] as Passage;
  return [quotable[position - 1], quotable[position + 1]]
    .filter((other) => other !== undefined && other.documentId === passage.documentId && other.block === passage.block)
    .map((other) => other?.text)
    .join(' ');
};
const fieldTerms = quotable.map((passage, position) => [analyzer.terms(passage.text), analyzer.terms(passage.section ?? ''), analyzer.terms(neighbourText(position))]);
const boosts = [options.textBoost, options.sectionBoost, options.neighbourBoost];
const terms = (...list: Array<[string, number]>): WeightedTerm[] => list.map(([term, weight]) => ({ term, weight }));
const ids = (hits: readonly PassageHit[]): string[] => hits.map((hit) => hit.passage.id);
const editDistance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
};

/**
 * The straightforward BM25 the index must compute: every passage is scored on its own, summing over the
 * query terms, their fuzzy matches (for words the texts don't contain) and the three fields, then
 * multiplied by the number of query terms it matched.
 */
function straightforwardBm25(query: readonly WeightedTerm[]): Array<{ id: string; score: number }> {
  const { k, b, d } = options.bm25;
  const vocabulary = new Set(fieldTerms.flat(2));
  const inText = new Set(fieldTerms.flatMap((fields) => fields[0] ?? []));
  const lengths = fieldTerms.map((fields) => fields.map((field) => new Set(field).size));
  const average = boosts.map((_, field) => lengths.reduce((sum, perField) => sum + (perField[field] ?? 0), 0) / quotable.length);
  const scored = quotable.map((passage, position) => {
    let total = 0;
    let matchedTerms = 0;
    for (const { term, weight } of query) {
      const maxEdits = inText.has(term) ? 0 : options.maxEdits(term);
      const matches = [...vocabulary].filter((word) => word === term || (maxEdits > 0 && editDistance(word, term) <= maxEdits));
      let termScore = 0;
      let matched = false;
      for (const word of matches) {
        const distance = editDistance(word, term);
        const wordWeight = distance === 0 ? 1 : (options.fuzzyWeight * word.length) / (word.length + distance);
        boosts.forEach((boost, field) => {
          const occurrences = (fieldTerms[position]?.[field] ?? []).filter((other) => other === word).length;
          if (occurrences === 0) return;
          matched = true;
          const containing = fieldTerms.filter((fields) => (fields[field] ?? []).includes(word)).length;
          const idf = Math.log(1 + (quotable.length - containing + 0.5) / (containing + 0.5));
          const length = lengths[position]?.[field] ?? 0;
          termScore += wordWeight * weight * boost * idf * (d + (occurrences * (k + 1)) / (occurrences + k * (1 - b + (b * length) / (average[field] ?? 1))));
        });
      }
      if (matched) matchedTerms += 1;
      total += termScore;
    }
    return { id: passage.id, score: total * matchedTerms };
  });
  return scored.filter((result) => result.score > 0).sort((x, y) => y.score - x.score);
}

/** minisearch itself, configured as the index was before it computed BM25 itself. */
function minisearchResults(query: readonly WeightedTerm[]): Array<{ id: string; score: number; matched: Array<[string, string[]]> }> {
  const search = new MiniSearch<{ id: string; text: string; section: string; neighbours: string }>({
    fields: ['text', 'section', 'neighbours'],
    tokenize: (text) => analyzer.terms(text),
    processTerm: (term) => term,
  });
  search.addAll(quotable.map((passage, position) => ({ id: passage.id, text: passage.text, section: passage.section ?? '', neighbours: neighbourText(position) })));
  const inText = new Set(fieldTerms.flatMap((fields) => fields[0] ?? []));
  const weights = new Map(query.map(({ term, weight }) => [term, weight]));
  return search
    .search([...weights.keys()].join(' '), {
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      boost: { text: options.textBoost, section: options.sectionBoost, neighbours: options.neighbourBoost },
      weights: { fuzzy: options.fuzzyWeight, prefix: 0 },
      bm25: options.bm25,
      fuzzy: (term) => (inText.has(term) ? false : options.maxEdits(term) || false),
      boostTerm: (term) => weights.get(term) ?? 1,
    })
    .map((result) => ({ id: String(result.id), score: result.score, matched: Object.entries(result.match) }));
}

const queries: Array<[string, WeightedTerm[]]> = [
  ['one word', terms(['kyphoplasti', 1])],
  ['several words', terms(['cement', 1], ['balloon', 1], ['vertebra', 1])],
  ['weighted synonyms and context words', terms(['cement', 1], ['pmma', 0.6], ['recoveri', 0.4])],
  ['a misspelling', terms(['kyphoplasi', 1], ['patient', 1])],
  ['a number and its misspelling', terms(['15295', 1], ['15296', 1], ['2021', 0.5])],
  ['a word, then a number (numbers come first among matched terms)', terms(['cost', 1], ['15295', 1])],
  ['words only in headings', terms(['osteoporosi', 1], ['long', 1])],
  ['a word nowhere', terms(['router', 1])],
];

describe('passage index', () => {
  it.each(queries)('scores like a straightforward BM25: %s', (_, query) => {
    const expected = straightforwardBm25(query);
    const hits = index.search(query);
    expect(ids(hits)).toEqual(expected.map((result) => result.id));
    hits.forEach((hit, position) => expect(hit.score).toBeCloseTo(expected[position]?.score ?? 0, 10));
  });

  it.each(queries)('gives exactly what minisearch gives, ties included: %s', (_, query) => {
    const hits = index.search(query).map((hit) => ({ id: hit.passage.id, score: hit.score, matched: [...hit.matched] }));
    expect(hits).toEqual(minisearchResults(query));
  });

  it('orders equal scores as first matched: the duplicate sentence of the first document comes first', () => {
    const hits = index.search(terms(['home', 1])).slice(0, 2);
    expect(hits.map((hit) => hit.passage.text)).toEqual(['Most patients go home the same day.', 'Most patients go home the same day.']);
    expect(hits[0]?.score).toBe(hits[1]?.score);
    expect(ids(hits)).toEqual(['a#6', 'b#10']);
  });

  it.each([1, 2, 3, 5, 100])('keeps the best %i hits, in the order of the full search', (limit) => {
    for (const [, query] of queries) {
      const all = index.search(query);
      const top = index.searchTop(query, limit);
      expect(ids(top.hits)).toEqual(ids(all.slice(0, limit)));
      expect(top.hits.map((hit) => hit.score)).toEqual(all.slice(0, limit).map((hit) => hit.score));
      expect(top.bestScore).toBe(all[0]?.score ?? 0);
      const seen = new Set<string>();
      for (const hit of all) for (const term of hit.matched.keys()) seen.add(term);
      expect(top.matchedTerms()).toEqual([...seen]);
    }
  });

  it('reads a search after the next one has run as it was', () => {
    const first = index.searchTop(terms(['kyphoplasi', 1]), 2);
    index.searchTop(terms(['cement', 1]), 2);
    expect(first.matchedTerms()).toEqual(['kyphoplasti']);
    expect(first.hits[0]?.matched).toEqual(new Map([['kyphoplasti', ['text', 'section']]]));
  });

  it('matches misspelled words the texts do not contain, weaker than the word itself', () => {
    const misspelled = index.search(terms(['kyphoplasi', 1]));
    const exact = index.search(terms(['kyphoplasti', 1]));
    expect(ids(misspelled)).toEqual(ids(exact));
    misspelled.forEach((hit, position) => expect(hit.score).toBeLessThan(exact[position]?.score ?? 0));
    expect([...new Set(misspelled.flatMap((hit) => [...hit.matched.keys()]))]).toEqual(['kyphoplasti']);
  });

  it('gives the same fuzzy matches when a word is asked again, also after many other words', () => {
    const found = (): unknown[] => index.search(terms(['kyphoplasi', 1], ['ballon', 1])).map((hit) => [hit.passage.id, hit.score, [...hit.matched]]);
    const first = found();
    expect(found()).toEqual(first);
    for (let word = 0; word < 10_050; word += 1) index.searchTop(terms([`zq${word.toString(36)}xyz`, 1]), 1);
    expect(found()).toEqual(first);
    expect(JSON.stringify(first)).toContain('"balloon"');
  });

  it('does not correct words the texts contain, nor short words', () => {
    // "spine" is in the texts: it is not also matched to "spinal".
    expect(index.search(terms(['spine', 1])).every((hit) => hit.matched.has('spine') && hit.matched.size === 1)).toBe(true);
    expect(index.search(terms(['pan', 1]))).toEqual([]);
  });

  it('tells which terms matched in which fields', () => {
    const hits = index.search(terms(['balloon', 1], ['hour', 1], ['long', 1]));
    expect(hits.find((hit) => hit.passage.id === 'a#2')?.matched).toEqual(new Map([['balloon', ['text']]]));
    expect(hits.find((hit) => hit.passage.id === 'a#1')?.matched).toEqual(new Map([['balloon', ['neighbours']]]));
    expect(hits.find((hit) => hit.passage.id === 'a#5')?.matched).toEqual(new Map([['hour', ['text']], ['long', ['section']]]));
    expect(hits.find((hit) => hit.passage.id === 'a#6')?.matched).toEqual(new Map([['hour', ['neighbours']], ['long', ['section']]]));
    const inNeighbours = index.search(terms(['hardens', 1], ['harden', 1])).find((found) => found.passage.id === 'a#2');
    expect(inNeighbours?.matched).toEqual(new Map([['harden', ['neighbours']]]));
  });

  it('finds which of a question\'s stems a passage contains, in its text, heading and neighbouring sentences', () => {
    const stems = ['cement', 'harden', 'balloon', 'kyphoplasti', 'never-written', 'infect'];
    const found = { text: new Uint8Array(7), section: new Uint8Array(7), neighbours: new Uint8Array(7) };
    const byPassage = (id: string): Record<keyof typeof found, number[]> => {
      const position = quotable.findIndex((candidate) => candidate.id === id);
      return index.withStems(stems, (find) => {
        find(position, found);
        return { text: [...found.text.slice(1)], section: [...found.section.slice(1)], neighbours: [...found.neighbours.slice(1)] };
      });
    };
    // "The cement hardens quickly." under "What is kyphoplasty?", after the balloon sentence.
    expect(byPassage('a#3')).toEqual({ text: [1, 1, 0, 0, 0, 0], section: [0, 0, 0, 1, 0, 0], neighbours: [1, 0, 1, 0, 0, 0] });
    // The risks list: no neighbours; nothing of one passage is left over in the next one's.
    expect(byPassage('a#7')).toEqual({ text: [1, 0, 0, 0, 0, 1], section: [0, 0, 0, 0, 0, 0], neighbours: [0, 0, 0, 0, 0, 0] });
    // Positions are those of the hits.
    expect(index.search(terms(['harden', 1])).map((hit) => [hit.passage.id, hit.position])).toEqual([['a#3', 2], ['a#2', 1]]);
    // Another question's stems afterwards: the earlier ones are forgotten.
    index.withStems(['quickli'], (find) => {
      const few = { text: new Uint8Array(2), section: new Uint8Array(2), neighbours: new Uint8Array(2) };
      find(2, few);
      expect([...few.text]).toEqual([1, 1]);
      find(1, few);
      expect(few.text[1]).toBe(0);
      expect(few.neighbours[1]).toBe(1);
      expect(() => index.withStems(['cement'], () => undefined)).toThrow(/does not nest/);
    });
  });

  it('gives the size and frequencies of the passages', () => {
    expect(index.size).toBe(11);
    expect(index.documentFrequency('cement')).toBe(4);
    expect(index.documentFrequency('osteoporosi')).toBe(1);
    expect(index.documentFrequency('recoveri')).toBe(1);
    expect(index.idf('cement')).toBeCloseTo(Math.log(1 + 11 / 4), 12);
    expect(index.idf('never-seen')).toBeCloseTo(Math.log(12), 12);
  });
});

describe('synonym expander', () => {
  const expand = createSynonymExpander([['cement', 'bone cement', 'PMMA'], { term: 'kyphoplasty', saidAs: ['balloon procedure'] }], analyzer);

  it('gives each word of a group member the group’s other members', () => {
    expect(expand(analyzer.terms('is PMMA safe'), [])).toEqual([[['cement'], ['bone', 'cement']], []]);
    expect(expand(analyzer.terms('bone cement leaks'), [])).toEqual([[['cement'], ['pmma']], [['bone', 'cement'], ['pmma']], []]);
  });

  it('maps a lay term to its medical term, never the other way round', () => {
    expect(expand(analyzer.terms('the balloon procedure'), [])).toEqual([[['kyphoplasti']], [['kyphoplasti']]]);
    expect(expand(analyzer.terms('kyphoplasty'), [])).toEqual([[]]);
  });

  it('applies a group limited to some question types only to questions of those types', () => {
    const typed = createSynonymExpander([{ members: ['fasting', 'eat'], questionTypes: ['preparation'] }], analyzer);
    expect(typed(analyzer.terms('do I need to fast'), ['preparation'])).toEqual([[], [['eat']]]);
    expect(typed(analyzer.terms('how fast do I heal'), ['results', 'recovery'])).toEqual([[], []]);
  });

  it('finds synonyms through the index with their weight', () => {
    const stems = analyzer.terms('is PMMA safe');
    const alternatives = expand(stems, []);
    const query = stems.flatMap((stem, position) => [{ term: stem, weight: 1 }, ...(alternatives[position] ?? []).flat().map((term) => ({ term, weight: 0.6 }))]);
    const hits = index.search(query);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.matched.has('cement') || hit.matched.has('bone'))).toBe(true);
  });
});
