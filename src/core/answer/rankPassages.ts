import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import { passageFeatureNames } from '../content/passageFeatureNames';
import type { PassageHit, PassageIndex, TopHits, WeightedTerm } from '../search/passageIndex';
import type { Passage } from '../text/chunkDocument';
import type { AnalyzedQuestion } from './analyzeQuestion';
import type { AnswerEngineOptions } from './answerOptions';
import type { StemNumbers, StemSharing } from './stemSharing';
import { noAskedQuestions, passageFeatures, scoreQuestion, type AskedQuestions, type FeatureInput, type PassageScores, type WeightedConcept } from './passageFeatures';

/** A passage with its ranking score and how much of the question it covers. */
export interface RankedPassage {
  passage: Passage;
  /**
   * Ranking score in (0, 1): the ranking model's estimate that the passage answers the question, moved
   * by how close the question's wording is to the passage's clinic questions (`askedSimilarityWeight`).
   */
  score: number;
  /**
   * Share of the question's meaning the passage covers, in [0, 1]; the confidence of an answer from it.
   * In a long message, only the sentences that ask count (see `PassageScores.askingCoverage`).
   */
  coverage: number;
  /** The ranking features (for training the ranking model). */
  features: number[];
}

/** The ranked passages of a question, and the subjects it names that no passage speaks of. */
export interface Ranking {
  /** Best first. */
  passages: RankedPassage[];
  /**
   * Words of the question (in the sentences that ask) that name a subject and that the documents never
   * use, not even as a synonym or a correction ("insurance", "fusion"): the question's key topic is
   * missing from every passage.
   */
  missingSubjects: string[];
}

/** A linear ranking model over the passage features (see `knowledge/ranking.json`). */
export interface RankingModel {
  bias: number;
  weights: readonly number[];
}

/** What ranking needs besides the question. */
export interface RankingParts {
  index: PassageIndex;
  options: AnswerEngineOptions;
  model: RankingModel;
  maxEdits: (term: string) => number;
  /** Whether a word is most often a noun (weighs unknown words). */
  isNoun: (word: string) => boolean;
  /** The first stems of a passage (cached by the caller). */
  leadingStems: (hit: PassageHit) => readonly string[];
  /** The questions the clinic wrote for a passage (cached by the caller). */
  askedQuestions: (hit: PassageHit) => AskedQuestions;
  /**
   * How close the question's wording is to the nearest of a passage's clinic questions, as sentence
   * vectors (cosine); absent without word vectors or when the table knows none of the question's words.
   */
  askedSimilarity?: (hit: PassageHit) => number;
  /** Which clinic questions (by `AskedQuestions.ids`) share a stem with the question's stems. */
  askedSharing: StemSharing;
  /** The stems of every clinic question (by `AskedQuestions.ids`) as numbers. */
  askedStems: StemNumbers;
  /** Words of the previous topic, when the question continues it. */
  contextStems: readonly string[];
  /** Sections (documentId + heading) the previous answer quoted, preferred for a follow-up. */
  contextSections: ReadonlySet<string>;
}

function queryTerms(question: AnalyzedQuestion, parts: RankingParts): WeightedTerm[] {
  const terms: WeightedTerm[] = [];
  for (const concept of question.concepts) {
    if (!concept.phrase) terms.push({ term: concept.stem, weight: 1 });
    for (const alternative of concept.alternatives) {
      for (const term of alternative) terms.push({ term, weight: parts.options.synonymWeight });
    }
  }
  for (const term of parts.contextStems) terms.push({ term, weight: parts.options.contextWeight });
  return terms;
}

function correctionFor(stem: string, hitTerms: readonly string[], queried: ReadonlySet<string>, maxEdits: number): string | undefined {
  let best: { term: string; distance: number } | undefined;
  for (const term of hitTerms) {
    // Each edit changes the length by one at most: a longer or shorter term is not worth the distance.
    if (queried.has(term) || Math.abs(term.length - stem.length) > maxEdits) continue;
    const distance = DamerauLevenshteinDistance(stem, term);
    if (distance <= maxEdits && (!best || distance < best.distance)) best = { term, distance };
  }
  return best?.term;
}

function weighConcepts(question: AnalyzedQuestion, found: TopHits, terms: readonly WeightedTerm[], parts: RankingParts): WeightedConcept[] {
  const { index, options } = parts;
  const rarest = index.idf('\u0000never-seen');
  const queried = new Set(terms.map((term) => term.term));
  let hitTerms: string[] | undefined;
  const weighed = question.concepts.map((concept): WeightedConcept => {
    if (index.documentFrequency(concept.stem) > 0) return { ...concept, weight: index.idf(concept.stem), known: true };
    const known = concept.alternatives.flat().filter((stem) => index.documentFrequency(stem) > 0);
    const subject = concept.cueOf.length === 0 && !/^\d/.test(concept.word) && parts.isNoun(concept.word);
    const unknownWeight = rarest * (subject ? options.unknownNounWeight : options.unknownWordWeight);
    if (known.length > 0) return { ...concept, weight: Math.max(...known.map((stem) => index.idf(stem))), known: true };
    const correction = correctionFor(concept.stem, (hitTerms ??= found.matchedTerms()), queried, parts.maxEdits(concept.stem));
    if (correction) return { ...concept, weight: index.idf(correction), correction, known: true };
    return { ...concept, weight: unknownWeight, known: false, ...(subject ? { subject: true as const } : {}) };
  });
  return weighed.map((concept) => {
    const form = concept.cueOf.length > 0 || concept.phrase ? options.cueWordWeight : 1;
    const focus = concept.background && !concept.known ? options.backgroundWeight : 1;
    return form * focus === 1 ? concept : { ...concept, weight: concept.weight * form * focus };
  });
}

const ASKED_MATCH = passageFeatureNames.indexOf('askedMatch');
const ASKED_BEST = passageFeatureNames.indexOf('askedBest');

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Searches the index for a question and ranks the passages found with the ranking model. */
export function rankPassages(question: AnalyzedQuestion, parts: RankingParts): Ranking {
  const { index, options, model } = parts;
  const terms = queryTerms(question, parts);
  // Only the best hits by BM25 are ranked (options.maxRankedHits); corrections look at all of them.
  const found = index.searchTop(terms, options.maxRankedHits);
  if (found.hits.length === 0) return { passages: [], missingSubjects: [] };
  const concepts = weighConcepts(question, found, terms, parts);
  const missingSubjects = concepts.filter((concept) => concept.subject && !concept.background).map((concept) => concept.word);
  const scored = scoreQuestion(question, concepts, parts.askedSharing, parts.askedStems);
  const bestBm25 = found.bestScore;
  const size = scored.stems.length + 1;
  const stemsFound = { text: new Uint8Array(size), section: new Uint8Array(size), neighbours: new Uint8Array(size) };
  // One input, refilled for each hit: nothing is allocated per hit but its features.
  const first = found.hits[0] as PassageHit;
  const input: FeatureInput = { passage: first.passage, position: first.position, bm25: first.score, bestBm25, found: stemsFound, leadingStems: [], asked: noAskedQuestions };
  // The arrays here are filled by push, not built by `map`: V8's inlined `map` and its built-in one give
  // arrays of different elements kinds, and code reading them was deoptimised over and over ('wrong map').
  const scores: PassageScores[] = [];
  index.withStems(scored.stems, (find) => {
    for (const hit of found.hits) {
      find(hit.position, stemsFound);
      input.passage = hit.passage;
      input.position = hit.position;
      input.bm25 = hit.score;
      input.leadingStems = parts.leadingStems(hit);
      input.asked = parts.askedQuestions(hit);
      scores.push(passageFeatures(input, scored, options));
    }
  });
  let bestAsked = 0;
  for (const { features } of scores) bestAsked = Math.max(bestAsked, features[ASKED_MATCH] as number);
  const ranked: RankedPassage[] = [];
  const logits: number[] = [];
  scores.forEach(({ features, askingCoverage }, i) => {
    const { passage } = found.hits[i] as PassageHit;
    features[ASKED_BEST] = bestAsked > 0 ? (features[ASKED_MATCH] as number) / bestAsked : 0;
    const inContext = parts.contextSections.size > 0 && parts.contextSections.has(`${passage.documentId}\u0000${passage.section ?? ''}`);
    let logit = model.bias;
    for (let f = 0; f < features.length; f += 1) logit += features[f]! * (model.weights[f] ?? 0);
    logit += inContext ? options.contextSectionBonus : 0;
    logits.push(logit);
    ranked.push({ passage, score: sigmoid(logit), coverage: askingCoverage, features });
  });
  if (parts.askedSimilarity) moveBySimilarity(ranked, logits, found.hits, parts.askedSimilarity, options);
  return { passages: ranked.sort((a, b) => b.score - a.score), missingSubjects };
}

/**
 * Moves the model's best `askedSimilarityReach` passages by how close the question's wording is to their
 * clinic questions, against the closest one's (which keeps its score): each loses `askedSimilarityWeight`
 * times its distance below it on the logit. Passages further down count as not close at all.
 */
function moveBySimilarity(ranked: RankedPassage[], logits: readonly number[], hits: readonly PassageHit[], similarityOf: (hit: PassageHit) => number, options: AnswerEngineOptions): void {
  // The positions of the best `askedSimilarityReach` logits, best first, by insertion (a few dozen at most).
  const reach = Math.min(options.askedSimilarityReach, logits.length);
  const best: number[] = [];
  for (let i = 0; i < logits.length; i += 1) {
    const logit = logits[i] as number;
    if (best.length === reach && logit <= (logits[best[reach - 1] as number] as number)) continue;
    let at = best.length === reach ? reach - 1 : best.length;
    while (at > 0 && logit > (logits[best[at - 1] as number] as number)) {
      best[at] = best[at - 1] as number;
      at -= 1;
    }
    best[at] = i;
  }
  const similarity = new Float64Array(logits.length);
  let closest = 0;
  for (const i of best) {
    similarity[i] = similarityOf(hits[i] as PassageHit);
    if ((similarity[i] as number) > closest) closest = similarity[i] as number;
  }
  for (let i = 0; i < ranked.length; i += 1) {
    (ranked[i] as RankedPassage).score = sigmoid((logits[i] as number) + options.askedSimilarityWeight * ((similarity[i] as number) - closest));
  }
}
