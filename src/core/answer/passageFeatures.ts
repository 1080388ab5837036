import { passageFeatureNames } from '../content/passageFeatureNames';
import type { StemsFound } from '../search/passageIndex';
import type { Passage } from '../text/chunkDocument';
import type { AnalyzedQuestion, Concept } from './analyzeQuestion';
import type { AnswerEngineOptions } from './answerOptions';
import type { StemNumbers, StemSharing } from './stemSharing';

/** A ranking feature's name. */
export type PassageFeatureName = (typeof passageFeatureNames)[number];

/** A concept with the weight it carries in this question. */
export interface WeightedConcept extends Concept {
  weight: number;
  /** The document word a misspelled question word was matched to. */
  correction?: string;
  /** Whether the documents use the word (or a synonym or correction of it). */
  known: boolean;
  /** Set when the documents don't use the word and it names a subject (a noun, not a question-form word or number). */
  subject?: true;
}

/** Where a concept's stems stand in the question's stem list (`ScoredQuestion.stems`, index + 1). */
interface ConceptSlots {
  stem: number;
  /** 0 without a correction. */
  correction: number;
  /** The slots of its synonyms, one after the other, each preceded by its number of stems (a typed array: one shape for every concept, with or without synonyms). */
  alternatives: Int32Array;
}

/** The question's side of the features: the same for every passage, so worked out once per question. */
export interface ScoredQuestion {
  question: AnalyzedQuestion;
  concepts: readonly WeightedConcept[];
  /** Sum of the concepts' weights (1 when they weigh nothing), the denominator of every share. */
  total: number;
  /** Every stem the question says, once: its words, their corrections and synonyms. Stem i has slot i + 1. */
  stems: readonly string[];
  /** Per concept, the slots of its stem, correction and synonyms. */
  slots: readonly ConceptSlots[];
  /**
   * Per concept, its weight, whether it is background, and the types it is a cue of: copied out of the
   * concepts for the loops run per passage (concept objects come in many shapes, slow to read there).
   */
  weights: Float64Array;
  background: Uint8Array;
  cueOf: ReadonlyArray<readonly string[]>;
  /** Position of the heaviest concept the documents use (usually what the question is about), or -1. */
  rarest: number;
  /**
   * Whether the sentences that ask (of a long message) name something the documents speak of besides
   * question-form words: only then is the confidence read from them alone ("what can we expect now?"
   * after a story is about the story).
   */
  askingNamesTopic: boolean;
  /** For each concept, the question's types (bit i: `question.types[i]`) it is a cue word of. */
  cueTypes: readonly number[];
  /**
   * Reusable buffers for the stems found in one clinic question, and in the one that covers the question
   * most; per clinic question (by `AskedQuestions.ids`), 1 when it shares a stem with the question, and
   * its stems as numbers; per such number, the stem's slot (0: not one of the question's).
   */
  asked: { one: Uint8Array; all: Uint8Array; sharing: Uint8Array; stems: readonly Int32Array[]; slots: Int32Array };
}

/**
 * Works out the question's side of the features once, before the passages are scored; `askedSharing`
 * tells which clinic questions share a stem with the question, `askedStems` are their stems as numbers.
 */
export function scoreQuestion(question: AnalyzedQuestion, concepts: readonly WeightedConcept[], askedSharing: StemSharing, askedStems: StemNumbers): ScoredQuestion {
  const stems = [...new Set(concepts.flatMap((concept) => [concept.stem, ...(concept.correction ? [concept.correction] : []), ...concept.alternatives.flat()]))];
  const slotOf = new Map(stems.map((stem, i) => [stem, i + 1]));
  const slot = (stem: string): number => slotOf.get(stem) ?? 0;
  let rarest = -1;
  concepts.forEach((concept, i) => {
    if (concept.known && (rarest < 0 || concept.weight > (concepts[rarest] as WeightedConcept).weight)) rarest = i;
  });
  return {
    question,
    concepts,
    total: concepts.reduce((sum, concept) => sum + concept.weight, 0) || 1,
    stems,
    slots: concepts.map((concept) => ({
      stem: slot(concept.stem),
      correction: concept.correction ? slot(concept.correction) : 0,
      alternatives: Int32Array.from(concept.alternatives.flatMap((alternative) => [alternative.length, ...alternative.map(slot)])),
    })),
    weights: Float64Array.from(concepts, (concept) => concept.weight),
    background: Uint8Array.from(concepts, (concept) => (concept.background ? 1 : 0)),
    cueOf: concepts.map((concept) => concept.cueOf),
    rarest,
    askingNamesTopic: concepts.some((concept) => concept.background) && concepts.some((concept) => !concept.background && concept.known && concept.cueOf.length === 0 && !concept.phrase),
    cueTypes: concepts.map((concept) => question.types.reduce((bits, type, i) => (concept.cueOf.includes(type.id) ? bits | (1 << i) : bits), 0)),
    asked: {
      one: new Uint8Array(stems.length + 1),
      all: new Uint8Array(stems.length + 1),
      sharing: askedSharing(stems),
      stems: askedStems.lists,
      slots: askedStems.slots(slotOf),
    },
  };
}

/** The questions the clinic wrote for a passage (`knowledge/passageQuestions.json`), as stems. */
export interface AskedQuestions {
  /** The question types of each (ids), in the order of `ids`. */
  types: ReadonlyArray<readonly string[]>;
  /** The number of each among all the clinic's questions (their stems: `ScoredQuestion.asked.stems`). */
  ids: readonly number[];
}

/** The clinic's questions of a passage that has none. */
export const noAskedQuestions: AskedQuestions = { types: [], ids: [] };

/** What the features of one passage are computed from, besides the question. */
export interface FeatureInput {
  passage: Passage;
  /** The passage's number in the index. */
  position: number;
  bm25: number;
  bestBm25: number;
  /** Which of the question's stems (by slot, see `ScoredQuestion.stems`) the passage's text, heading and neighbouring sentences contain. */
  found: StemsFound;
  /** The passage's first few stems. */
  leadingStems: readonly string[];
  /** The questions the clinic wrote for the passage. */
  asked: AskedQuestions;
}

// Features are computed for hundreds of passages per question: the helpers below use plain loops over
// the question's stem slots, no callbacks, so that scoring a passage allocates next to nothing.

/** Credit for the question word itself or its correction; -1 when neither is found. */
function ownCredit(concept: ConceptSlots, found: Uint8Array, options: AnswerEngineOptions): number {
  if (found[concept.stem] === 1) return 1;
  if (concept.correction > 0 && found[concept.correction] === 1) return options.correctionCredit;
  return -1;
}

/** Credit for a concept: the word, its correction or (with less credit) a synonym. */
function credit(concept: ConceptSlots, found: Uint8Array, options: AnswerEngineOptions): number {
  const own = ownCredit(concept, found, options);
  return own >= 0 ? own : synonymCredit(concept, found, options);
}

/** Credit for a synonym of a concept (every stem of one of its alternatives found), else 0. */
function synonymCredit(concept: ConceptSlots, found: Uint8Array, options: AnswerEngineOptions): number {
  const alternatives = concept.alternatives;
  for (let at = 0; at < alternatives.length; at += (alternatives[at] as number) + 1) {
    const end = at + (alternatives[at] as number);
    let all = true;
    for (let i = at + 1; i <= end; i += 1) {
      if (found[alternatives[i] as number] !== 1) {
        all = false;
        break;
      }
    }
    if (all) return options.synonymCredit;
  }
  return 0;
}

/**
 * Marks in `found` which of the question's stems are in a list of distinct stems (as numbers, `slots`
 * giving each number's slot); returns how many are.
 */
function markList(stems: Int32Array, slots: Int32Array, found: Uint8Array): number {
  found.fill(0);
  let count = 0;
  for (let i = 0; i < stems.length; i += 1) {
    const slot = slots[stems[i] as number] as number;
    if (slot !== 0) {
      found[slot] = 1;
      count += 1;
    }
  }
  return count;
}

/**
 * Scores the passage's clinic questions against the question: how well the question matches the
 * best-matching one, the harmonic mean of the share of the question's meaning that clinic question covers
 * and the share of the clinic question's words the question says (itself or through a synonym or
 * correction). Leaves in `scored.asked.all` the stems of the one that covers the most of the question's
 * meaning (none marked when no question shares a stem).
 */
function askedMatch(asked: AskedQuestions, scored: ScoredQuestion, options: AnswerEngineOptions): number {
  const ids = asked.ids;
  let best = 0;
  let widestShare = 0;
  const found = scored.asked.one;
  const widest = scored.asked.all;
  widest.fill(0);
  for (let q = 0; q < ids.length; q += 1) {
    const id = ids[q] as number;
    // A clinic question sharing no stem with the question covers none of it either.
    if (scored.asked.sharing[id] !== 1) continue;
    const stems = scored.asked.stems[id] as Int32Array;
    let saidCount = markList(stems, scored.asked.slots, found);
    // A question-form word ("place" in "take place") is shared only with a clinic question asking the same kind of thing.
    const types = asked.types[q] as readonly string[];
    for (let i = 0; i < scored.cueOf.length; i += 1) {
      const cueOf = scored.cueOf[i]!;
      const slot = scored.slots[i]!.stem;
      if (cueOf.length === 0 || found[slot] !== 1) continue;
      let same = false;
      for (const type of cueOf) if (types.includes(type)) same = true;
      if (!same) {
        found[slot] = 0;
        saidCount -= 1;
      }
    }
    if (saidCount === 0) continue;
    let sum = 0;
    for (let i = 0; i < scored.weights.length; i += 1) sum += scored.weights[i]! * credit(scored.slots[i]!, found, options);
    const covered = sum / scored.total;
    if (covered > widestShare) {
      widestShare = covered;
      widest.set(found);
    }
    const back = saidCount / stems.length;
    if (covered + back > 0) best = Math.max(best, (2 * covered * back) / (covered + back));
  }
  return best;
}

/** Whether one of the passage's first stems is one of the question's topic words. */
function topicFirst(leading: readonly string[], topic: readonly string[]): boolean {
  for (const stem of leading) if (topic.includes(stem)) return true;
  return false;
}

/** A passage's ranking features and the confidence of an answer from it. */
export interface PassageScores {
  /** In the order of `passageFeatureNames`. */
  features: number[];
  /**
   * Share of the meaning of the sentences that ask (in a long message; of the whole question otherwise)
   * that the passage covers, in [0, 1]: the story told around a question says what the question is
   * about, but an answer need not cover it.
   */
  askingCoverage: number;
}

/** Computes the ranking features of a passage for a question, and how much of what it asks the passage covers. */
export function passageFeatures(input: FeatureInput, scored: ScoredQuestion, options: AnswerEngineOptions): PassageScores {
  const { passage, found } = input;
  const { question, concepts, total, cueTypes, slots, weights } = scored;
  let answered = 0;
  for (let i = 0; i < question.types.length; i += 1) if (question.types[i]!.answersIt(passage.text, input.position)) answered |= 1 << i;
  // Words count as covered by the clinic's questions when one question says them together: the words of
  // all a passage's questions put together would cover almost anything ("drop", "table", "year").
  const fromAsked = askedMatch(input.asked, scored, options);
  const asked = scored.asked.all;
  // Sums of weight × credit, each in the concepts' order.
  let covered = 0;
  let matched = 0;
  let exact = 0;
  let section = 0;
  let neighbour = 0;
  let wordsFound = 0;
  let askingCovered = 0;
  let askingTotal = 0;
  for (let i = 0; i < concepts.length; i += 1) {
    const weight = weights[i]!;
    const concept = slots[i]!;
    const own = ownCredit(concept, found.text, options);
    const inText = own >= 0 ? own : synonymCredit(concept, found.text, options);
    const inSection = credit(concept, found.section, options);
    const answersCue = (cueTypes[i]! & answered) !== 0;
    const share = weight * Math.max(inText, inSection * options.sectionCredit, credit(concept, asked, options) * options.askedCredit, answersCue ? options.cueCredit : 0);
    covered += share;
    if (scored.askingNamesTopic && scored.background[i] === 0) {
      askingCovered += share;
      askingTotal += weight;
    }
    matched += weight * inText;
    exact += weight * Math.max(own, 0);
    section += weight * inSection;
    neighbour += weight * credit(concept, found.neighbours, options);
    if (inText > 0) wordsFound += 1;
  }
  // In the order of passageFeatureNames.
  const features = [
    input.bestBm25 > 0 ? input.bm25 / input.bestBm25 : 0,
    covered / total,
    exact / total,
    section / total,
    neighbour / total,
    concepts.length === 0 ? 0 : wordsFound / concepts.length,
    answered & 1 ? 1 : 0,
    passage.kind === 'list' ? 1 : 0,
    passage.text.length < options.shortPassageChars ? 1 : 0,
    Math.log(1 + passage.text.length) / Math.log(1000),
    topicFirst(input.leadingStems, question.topicStems) ? 1 : 0,
    scored.rarest >= 0 ? credit(slots[scored.rarest]!, found.text, options) : 0,
    Math.min(1, matched / 10),
    fromAsked,
    // askedBest: relative to the other passages found, filled in by rankPassages.
    0,
  ];
  return { features, askingCoverage: askingTotal > 0 ? askingCovered / askingTotal : covered / total };
}
