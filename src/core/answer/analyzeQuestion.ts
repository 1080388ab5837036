import type { TextAnalyzer } from '../text/analyzeText';
import { normalizeText } from '../text/analyzeText';
import type { StopWordPhraseFinder, SynonymExpander } from '../search/synonymExpander';
import type { QuestionClassifier } from './classifyQuestion';
import type { QuestionPartFinder } from './findQuestionPart';

/** One meaningful word of a question and the other ways the documents may say it. */
export interface Concept {
  stem: string;
  /** The question's word (normalised) the stem came from. */
  word: string;
  /** Synonyms, each a list of stems that must all be present. */
  alternatives: string[][];
  /** Question types this word is a cue of ("long" in "how long"): a passage answering that type covers it. */
  cueOf: string[];
  /** A synonym phrase of stop words only ("go wrong"): found in passages through its alternatives alone. */
  phrase?: true;
  /** Said only in the story around the question of a long message, not in the sentences that ask (see `backgroundWeight`). */
  background?: true;
}

/** A question type of the question, with its test for passages that answer it. */
export interface QuestionType {
  id: string;
  /** `position`: the passage's number in the index (see `PassageHit.position`). */
  answersIt: (passageText: string, position: number) => boolean;
}

/** A question taken apart for retrieval. */
export interface AnalyzedQuestion {
  concepts: Concept[];
  /** The question's types by priority, then the one with the longest cue ("how soon after" over "after") first. */
  types: QuestionType[];
  /** Stems that name what the question is about (its words minus the question-type cue words). */
  topicStems: string[];
  /** The cue words of its types that the documents use ("risk" in "what are the risks"): part of the subject a follow-up continues. */
  cueTopicStems: string[];
  /** Whether the question reads as a continuation of the previous one ("and how long does it take?"). */
  continuesTopic: boolean;
}

/** What question analysis needs. */
export interface QuestionAnalysisParts {
  analyzer: TextAnalyzer;
  expandSynonyms: SynonymExpander;
  findStopWordPhrases: StopWordPhraseFinder;
  classify: QuestionClassifier;
  continuation: RegExp[];
  /** A continuation may name at most this many words the documents use of its own. */
  maxOwnTopicTerms: number;
  /** Whether the documents use a stem at all. */
  isKnownStem: (stem: string) => boolean;
  /** The sentences that ask, in a long message. */
  findQuestionPart: QuestionPartFinder;
}

/**
 * Takes a question apart: concepts with synonyms, question types, topic words, follow-up or not.
 * `inheritedTypes`: the types of the question a follow-up continues (see `QuestionClassifier`).
 */
export function analyzeQuestion(question: string, parts: QuestionAnalysisParts, inheritedTypes: readonly string[] = []): AnalyzedQuestion {
  const normalized = normalizeText(question);
  // In a long message the question types are read from the sentences that ask, not from the story.
  const asking = parts.findQuestionPart(question);
  const cueText = asking === undefined ? normalized : normalizeText(asking);
  const cues = parts.classify(asking ?? question, inheritedTypes);
  const cueStems = new Map<string, string[]>();
  for (const type of cues) {
    for (const cue of type.cues) {
      for (const stem of parts.analyzer.terms(cueText.slice(cue.start, cue.end))) {
        cueStems.set(stem, [...new Set([...(cueStems.get(stem) ?? []), type.id])]);
      }
    }
  }
  const allTokens = parts.analyzer.tokens(question);
  const words = allTokens.filter((token) => !token.stop);
  const stems = words.map((token) => token.stem);
  const typeIds = cues.map((type) => type.id);
  const alternatives = parts.expandSynonyms(stems, typeIds);
  const asked = asking === undefined ? undefined : new Set(parts.analyzer.terms(asking));
  const concepts = new Map<string, Concept>();
  stems.forEach((stem, position) => {
    const background = asked !== undefined && !asked.has(stem) ? { background: true as const } : {};
    const concept = concepts.get(stem) ?? { stem, word: words[position]?.word ?? stem, alternatives: [], cueOf: cueStems.get(stem) ?? [], ...background };
    for (const alternative of alternatives[position] ?? []) {
      if (!concept.alternatives.some((known) => known.join(' ') === alternative.join(' '))) concept.alternatives.push(alternative);
    }
    concepts.set(stem, concept);
  });
  for (const found of parts.findStopWordPhrases(allTokens, typeIds)) {
    const alternatives = found.alternatives.filter((alternative) => alternative.every(parts.isKnownStem));
    if (alternatives.length > 0 && !concepts.has(found.phrase)) {
      concepts.set(found.phrase, { stem: found.phrase, word: found.phrase, alternatives, cueOf: [], phrase: true });
    }
  }
  // What the sentences that ask name comes first, then the story's words.
  const topicStems = [...concepts.values()]
    .filter((concept) => !cueStems.has(concept.stem) && parts.isKnownStem(concept.stem))
    .sort((a, b) => Number(a.background ?? false) - Number(b.background ?? false))
    .map((concept) => concept.stem);
  const cueLength = (type: (typeof cues)[number]): number => Math.max(...type.cues.map((cue) => cue.end - cue.start));
  const types = [...cues]
    .sort((a, b) => b.priority - a.priority || cueLength(b) - cueLength(a))
    .map((type) => ({ id: type.id, answersIt: type.bindTopic(topicStems) }));
  const continuesTopic =
    parts.continuation.some((pattern) => pattern.test(normalized)) && topicStems.length <= parts.maxOwnTopicTerms;
  const cueTopicStems = [...cueStems.keys()].filter((stem) => concepts.has(stem) && parts.isKnownStem(stem));
  return { concepts: [...concepts.values()], types, topicStems, cueTopicStems, continuesTopic };
}
