import type { Passage } from '../text/chunkDocument';
import type { AnalyzedQuestion, Concept } from './analyzeQuestion';
import type { AnswerEngineOptions } from './answerOptions';

/** The names of the ranking features, in a fixed order (the weights in `knowledge/ranking.json` use them). */
export const passageFeatureNames = [
  /** BM25 score relative to the best passage found. */
  'relevance',
  /** Share of the question's meaning covered, counting synonyms, corrections, headings and answer type. */
  'coverage',
  /** Share covered by the question's own words (or their corrections) in the passage's text only. */
  'exactCoverage',
  /** Share of the question's meaning found in the heading above the passage. */
  'sectionCoverage',
  /** Share of the question's meaning found in the sentences around the passage. */
  'neighbourCoverage',
  /** Share of the question's words (unweighted) the passage covers. */
  'wordCoverage',
  /** 1 when the passage looks like an answer of the question's main type. */
  'typeMatch',
  /** 1 for a list (with its lead-in). */
  'list',
  /** 1 for a passage shorter than `shortPassageChars`. */
  'short',
  /** Length of the passage, log-scaled to about [0, 1]. */
  'length',
  /** 1 when one of the question's topic words is among the passage's first words (its subject). */
  'topicFirst',
  /** Credit for the question's rarest word that the documents use (usually what the question is about). */
  'rarestCovered',
  /** Rarity-weighted sum of the question words covered, scaled to about [0, 1] (not divided by the question's length). */
  'matchedWeight',
  /** How well the question matches the best-matching question the clinic wrote for the passage (passageQuestions.json). */
  'askedMatch',
] as const;

/** A ranking feature's name. */
export type PassageFeatureName = (typeof passageFeatureNames)[number];

/** A concept with the weight it carries in this question. */
export interface WeightedConcept extends Concept {
  weight: number;
  /** The document word a misspelled question word was matched to. */
  correction?: string;
  /** Whether the documents use the word (or a synonym or correction of it). */
  known: boolean;
}

/** What the features of one passage are computed from. */
export interface FeatureInput {
  passage: Passage;
  bm25: number;
  bestBm25: number;
  textStems: ReadonlySet<string>;
  sectionStems: ReadonlySet<string>;
  neighbourStems: ReadonlySet<string>;
  /** The passage's first few stems. */
  leadingStems: readonly string[];
  /** Stems of the questions the clinic wrote for the passage. */
  askedStems: ReadonlySet<string>;
  /** The same, question by question. */
  askedQuestions: ReadonlyArray<ReadonlySet<string>>;
  /** Every stem the question says: its words, their corrections and synonyms (the same for every passage). */
  saidStems: ReadonlySet<string>;
  question: AnalyzedQuestion;
  concepts: readonly WeightedConcept[];
}

function credit(concept: WeightedConcept, stems: ReadonlySet<string>, options: AnswerEngineOptions, exactOnly: boolean): number {
  if (stems.has(concept.stem)) return 1;
  if (concept.correction && stems.has(concept.correction)) return options.correctionCredit;
  if (exactOnly) return 0;
  return concept.alternatives.some((alternative) => alternative.every((stem) => stems.has(stem))) ? options.synonymCredit : 0;
}

/**
 * How well the question matches the clinic's best-matching question for the passage: the harmonic mean
 * of the share of the question's meaning that clinic question covers and the share of the clinic
 * question's words the question says (itself or through a synonym or correction).
 */
function askedMatch(
  questions: ReadonlyArray<ReadonlySet<string>>,
  said: ReadonlySet<string>,
  weighted: (perConcept: (concept: WeightedConcept) => number) => number,
  options: AnswerEngineOptions,
): number {
  let best = 0;
  for (const stems of questions) {
    let saidCount = 0;
    for (const stem of stems) if (said.has(stem)) saidCount += 1;
    // A clinic question sharing no stem with the question covers none of it either.
    if (saidCount === 0) continue;
    const covered = weighted((concept) => credit(concept, stems, options, false));
    const back = saidCount / stems.size;
    if (covered + back > 0) best = Math.max(best, (2 * covered * back) / (covered + back));
  }
  return best;
}

/** Computes the ranking features of a passage for a question, and its coverage (the answer's confidence). */
export function passageFeatures(input: FeatureInput, options: AnswerEngineOptions): { features: number[]; coverage: number } {
  const { passage, question, concepts } = input;
  const answered = new Set(question.types.filter((type) => type.answersIt(passage.text)).map((type) => type.id));
  const total = concepts.reduce((sum, concept) => sum + concept.weight, 0) || 1;
  const weighted = (perConcept: (concept: WeightedConcept) => number): number =>
    concepts.reduce((sum, concept) => sum + concept.weight * perConcept(concept), 0) / total;
  const coverage = weighted((concept) =>
    Math.max(
      credit(concept, input.textStems, options, false),
      credit(concept, input.sectionStems, options, false) * options.sectionCredit,
      credit(concept, input.askedStems, options, false) * options.askedCredit,
      concept.cueOf.some((type) => answered.has(type)) ? options.cueCredit : 0,
    ),
  );
  const known = concepts.filter((concept) => concept.known);
  const rarest = known.reduce<WeightedConcept | undefined>((best, concept) => (!best || concept.weight > best.weight ? concept : best), undefined);
  const wordCoverage = concepts.length === 0 ? 0 : concepts.filter((concept) => credit(concept, input.textStems, options, false) > 0).length / concepts.length;
  const values: Record<PassageFeatureName, number> = {
    relevance: input.bestBm25 > 0 ? input.bm25 / input.bestBm25 : 0,
    coverage,
    exactCoverage: weighted((concept) => credit(concept, input.textStems, options, true)),
    sectionCoverage: weighted((concept) => credit(concept, input.sectionStems, options, false)),
    neighbourCoverage: weighted((concept) => credit(concept, input.neighbourStems, options, false)),
    wordCoverage,
    typeMatch: question.types[0] && answered.has(question.types[0].id) ? 1 : 0,
    list: passage.kind === 'list' ? 1 : 0,
    short: passage.text.length < options.shortPassageChars ? 1 : 0,
    length: Math.log(1 + passage.text.length) / Math.log(1000),
    topicFirst: input.leadingStems.some((stem) => question.topicStems.includes(stem)) ? 1 : 0,
    rarestCovered: rarest ? credit(rarest, input.textStems, options, false) : 0,
    askedMatch: askedMatch(input.askedQuestions, input.saidStems, weighted, options),
    matchedWeight: Math.min(1, concepts.reduce((sum, concept) => sum + concept.weight * credit(concept, input.textStems, options, false), 0) / 10),
  };
  return { features: passageFeatureNames.map((name) => values[name]), coverage };
}
