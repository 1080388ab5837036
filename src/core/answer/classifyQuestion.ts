import type { QuestionTypes } from '../content/knowledgeSchemas';
import { compilePatterns } from '../content/patternSchema';
import { normalizeText } from '../text/analyzeText';

/** A question type the question matched, and where its cue words stand in the normalised question. */
export interface QuestionTypeCue {
  id: string;
  /** Lower-priority types name the question only when no other type matches. */
  priority: number;
  /** Character ranges of the cue words in the normalised question. */
  cues: Array<{ start: number; end: number }>;
  /** Builds the test for "this passage looks like an answer of this type", given the question's topic stems. */
  bindTopic: (topicStems: readonly string[]) => (passageText: string) => boolean;
}

/** Finds the question types of a question (several can apply: "how long until I can drive"). */
export type QuestionClassifier = (question: string) => QuestionTypeCue[];

const TOPIC = '{topic}';

/** What is remembered of a passage: its normalised text, and per type whether the fixed patterns match (0 not yet, 1 no, 2 yes). */
interface PassageTests {
  normalized: string;
  fixed: Uint8Array;
}

/** A regular expression matching words that start with one of the stems ("kyphoplasti" → kyphoplasty). */
function topicAlternatives(stems: readonly string[]): string {
  if (stems.length === 0) return '(?!)';
  const escaped = stems.map((stem) => stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/i$/, '[iy]'));
  return `\\b(?:${escaped.join('|')})\\w*`;
}

/** Builds the classifier from `knowledge/questionTypes.json`. */
export function createQuestionClassifier(content: QuestionTypes): QuestionClassifier {
  const types = content.types.map((type) => ({
    id: type.id,
    priority: type.priority,
    question: compilePatterns(type.question).map((pattern) => new RegExp(pattern.source, 'gi')),
    fixed: compilePatterns(type.passage.filter((source) => !source.includes(TOPIC))),
    templates: type.passage.filter((source) => source.includes(TOPIC)),
  }));
  // Passages are ranked again and again: what does not depend on the question is worked out once.
  const tested = new Map<string, PassageTests>();
  const testsOf = (passage: string): PassageTests => {
    let tests = tested.get(passage);
    if (tests === undefined) tested.set(passage, (tests = { normalized: normalizeText(passage), fixed: new Uint8Array(types.length) }));
    return tests;
  };
  const matchesFixed = (typeIndex: number, tests: PassageTests): boolean => {
    if (tests.fixed[typeIndex] === 0) tests.fixed[typeIndex] = types[typeIndex]!.fixed.some((pattern) => pattern.test(tests.normalized)) ? 2 : 1;
    return tests.fixed[typeIndex] === 2;
  };
  return (question) => {
    const text = normalizeText(question);
    return types.flatMap((type, typeIndex) => {
      const cues = type.question.flatMap((pattern) =>
        [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length })),
      );
      if (cues.length === 0) return [];
      const bindTopic = (topicStems: readonly string[]) => {
        const topical = type.templates.map((source) => new RegExp(source.split(TOPIC).join(topicAlternatives(topicStems)), 'i'));
        return (passage: string) => {
          const tests = testsOf(passage);
          return matchesFixed(typeIndex, tests) || topical.some((pattern) => pattern.test(tests.normalized));
        };
      };
      return [{ id: type.id, priority: type.priority, cues, bindTopic }];
    });
  };
}
