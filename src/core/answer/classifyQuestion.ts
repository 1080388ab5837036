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
  /**
   * Builds the test for "this passage looks like an answer of this type", given the question's topic
   * stems. `position` is the passage's number in the index: what does not depend on the question is
   * remembered by it.
   */
  bindTopic: (topicStems: readonly string[]) => (passageText: string, position: number) => boolean;
}

/**
 * Finds the question types of a question (several can apply: "how long until I can drive"). `inherited`:
 * type ids a follow-up takes over from the question it continues ("and kyphoplasty?" after "how long does
 * vertebroplasty take?"), added with no cue words when the question does not match them itself.
 */
export type QuestionClassifier = (question: string, inherited?: readonly string[]) => QuestionTypeCue[];

const TOPIC = '{topic}';

/** Whether any of the patterns matches the text (a loop: this runs for every passage ranked). */
function anyMatches(patterns: readonly RegExp[], text: string): boolean {
  for (const pattern of patterns) if (pattern.test(text)) return true;
  return false;
}

/**
 * One case-insensitive regular expression that matches a text exactly when one of `patterns` does
 * (their alternation), or undefined when a pattern refers to a group by number or name, which an
 * alternation would renumber.
 */
function alternationOf(patterns: readonly RegExp[]): RegExp | undefined {
  if (patterns.some((pattern) => /\\[1-9k]|\(\?<(?![=!])/.test(pattern.source))) return undefined;
  return new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');
}

/** A regular expression matching words that start with one of the stems ("kyphoplasti" → kyphoplasty). */
function topicAlternatives(stems: readonly string[]): string {
  if (stems.length === 0) return '(?!)';
  const escaped = stems.map((stem) => stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/i$/, '[iy]'));
  return `\\b(?:${escaped.join('|')})\\w*`;
}

/** Builds the classifier from `knowledge/questionTypes.json`, for an index of `passageCount` passages. */
export function createQuestionClassifier(content: QuestionTypes, passageCount: number): QuestionClassifier {
  const types = content.types.map((type) => ({
    id: type.id,
    priority: type.priority,
    question: compilePatterns(type.question).map((pattern) => new RegExp(pattern.source, 'gi')),
    // Most messages match none of a type's patterns: one search of their alternation says so.
    anyQuestion: alternationOf(compilePatterns(type.question)),
    fixed: compilePatterns(type.passage.filter((source) => !source.includes(TOPIC))),
    templates: type.passage.filter((source) => source.includes(TOPIC)),
  }));
  // Passages are ranked again and again: what does not depend on the question is worked out once, per
  // type and passage position whether the type's fixed patterns match (0 not yet, 1 no, 2 yes), and
  // each passage's normalised text for the topic patterns.
  const fixedMatches = types.map(() => new Uint8Array(passageCount));
  const normalizedPassages = new Array<string | undefined>(passageCount);
  const normalizedPassage = (passage: string, position: number): string => (normalizedPassages[position] ??= normalizeText(passage));
  const matchesFixed = (typeIndex: number, passage: string, position: number): boolean => {
    const known = fixedMatches[typeIndex] as Uint8Array;
    if (known[position] === 0) known[position] = anyMatches((types[typeIndex] as (typeof types)[number]).fixed, normalizedPassage(passage, position)) ? 2 : 1;
    return known[position] === 2;
  };
  return (question, inherited = []) => {
    const text = normalizeText(question);
    return types.flatMap((type, typeIndex) => {
      // Most patterns do not match: search() tells so without building match objects.
      const cues =
        type.anyQuestion?.test(text) === false
          ? []
          : type.question.flatMap((pattern) =>
              text.search(pattern) < 0 ? [] : [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length })),
            );
      if (cues.length === 0 && !inherited.includes(type.id)) return [];
      const bindTopic = (topicStems: readonly string[]) => {
        const topical = type.templates.map((source) => new RegExp(source.split(TOPIC).join(topicAlternatives(topicStems)), 'i'));
        return (passage: string, position: number) =>
          matchesFixed(typeIndex, passage, position) || (topical.length > 0 && anyMatches(topical, normalizedPassage(passage, position)));
      };
      return [{ id: type.id, priority: type.priority, cues, bindTopic }];
    });
  };
}
