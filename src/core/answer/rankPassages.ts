import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import type { PassageHit, PassageIndex, WeightedTerm } from '../search/passageIndex';
import type { Passage } from '../text/chunkDocument';
import type { AnalyzedQuestion, Concept } from './analyzeQuestion';
import type { AnswerEngineOptions } from './answerOptions';

/** A passage with its ranking score and how much of the question it covers. */
export interface RankedPassage {
  passage: Passage;
  /** Ranking score (higher is better): relevance × answer-type fit × length and context factors. */
  score: number;
  /** Share of the question's meaning the passage covers, in [0, 1]; the confidence of an answer from it. */
  coverage: number;
}

/** What ranking needs besides the question. */
export interface RankingParts {
  index: PassageIndex;
  options: AnswerEngineOptions;
  maxEdits: (term: string) => number;
  /** Stems of a heading (cached by the caller). */
  sectionStems: (section: string | undefined) => ReadonlySet<string>;
  /** Words of the previous topic, when the question continues it. */
  contextStems: readonly string[];
  /** Sections (documentId + heading) the previous answer quoted, preferred for a follow-up. */
  contextSections: ReadonlySet<string>;
}

interface WeightedConcept extends Concept {
  weight: number;
  /** The document word a misspelled question word was matched to. */
  correction?: string;
}

function queryTerms(question: AnalyzedQuestion, parts: RankingParts): WeightedTerm[] {
  const terms: WeightedTerm[] = [];
  for (const concept of question.concepts) {
    terms.push({ term: concept.stem, weight: 1 });
    for (const alternative of concept.alternatives) {
      for (const term of alternative) terms.push({ term, weight: parts.options.synonymWeight });
    }
  }
  for (const term of parts.contextStems) terms.push({ term, weight: parts.options.contextWeight });
  return terms;
}

function correctionFor(stem: string, hits: readonly PassageHit[], queried: ReadonlySet<string>, maxEdits: number): string | undefined {
  let best: { term: string; distance: number } | undefined;
  for (const hit of hits) {
    for (const term of hit.matched.keys()) {
      if (queried.has(term)) continue;
      const distance = DamerauLevenshteinDistance(stem, term);
      if (distance <= maxEdits && (!best || distance < best.distance)) best = { term, distance };
    }
  }
  return best?.term;
}

function weighConcepts(question: AnalyzedQuestion, hits: readonly PassageHit[], terms: readonly WeightedTerm[], parts: RankingParts): WeightedConcept[] {
  const { index, options } = parts;
  const unknownWeight = index.idf('\u0000never-seen') * options.unknownWordWeight;
  const queried = new Set(terms.map((term) => term.term));
  return question.concepts.map((concept) => {
    if (index.documentFrequency(concept.stem) > 0) return { ...concept, weight: index.idf(concept.stem) };
    const known = concept.alternatives.flat().filter((stem) => index.documentFrequency(stem) > 0);
    if (known.length > 0) return { ...concept, weight: Math.max(...known.map((stem) => index.idf(stem))) };
    const correction = correctionFor(concept.stem, hits, queried, parts.maxEdits(concept.stem));
    if (correction) return { ...concept, weight: index.idf(correction), correction };
    return { ...concept, weight: unknownWeight };
  });
}

function conceptCredit(concept: WeightedConcept, text: ReadonlySet<string>, section: ReadonlySet<string>, answeredTypes: ReadonlySet<string>, options: AnswerEngineOptions): number {
  const cue = concept.cueOf.some((type) => answeredTypes.has(type)) ? options.cueCredit : 0;
  const covers = (stems: ReadonlySet<string>): number => {
    if (stems.has(concept.stem)) return 1;
    if (concept.correction && stems.has(concept.correction)) return options.correctionCredit;
    if (concept.alternatives.some((alternative) => alternative.every((stem) => stems.has(stem)))) return options.synonymCredit;
    return 0;
  };
  return Math.max(covers(text), covers(section) * options.sectionCredit, cue);
}

/** Searches the index for a question and ranks the passages found. */
export function rankPassages(question: AnalyzedQuestion, parts: RankingParts): RankedPassage[] {
  const { index, options } = parts;
  const terms = queryTerms(question, parts);
  const hits = index.search(terms);
  if (hits.length === 0) return [];
  const concepts = weighConcepts(question, hits, terms, parts);
  const totalWeight = concepts.reduce((sum, concept) => sum + concept.weight, 0);
  const bestScore = Math.max(...hits.map((hit) => hit.score));
  const ranked = hits.map((hit): RankedPassage => {
    const text = index.stemsOf(hit.passage.id);
    const section = parts.sectionStems(hit.passage.section);
    const answeredTypes = new Set(question.types.filter((type) => type.answersIt(hit.passage.text)).map((type) => type.id));
    const covered = concepts.reduce((sum, concept) => sum + concept.weight * conceptCredit(concept, text, section, answeredTypes, options), 0);
    const coverage = totalWeight > 0 ? covered / totalWeight : 0;
    let score = (1 - options.coverageShare) * (hit.score / bestScore) + options.coverageShare * coverage;
    if (answeredTypes.size > 0) score *= 1 + options.typeBoost;
    if (hit.passage.text.length < options.shortPassageChars) score *= options.shortPassageFactor;
    if (parts.contextSections.has(`${hit.passage.documentId}\u0000${hit.passage.section ?? ''}`)) score *= options.contextSectionFactor;
    return { passage: hit.passage, score, coverage };
  });
  return ranked.sort((a, b) => b.score - a.score);
}
