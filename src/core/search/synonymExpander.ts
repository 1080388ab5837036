import type { SynonymGroup } from '../content/knowledgeSchemas';
import type { TextAnalyzer, Token } from '../text/analyzeText';

/**
 * For each position of a list of question stems, the other ways of saying it (each a list of stems).
 * `questionTypes`: the question's types (ids), which decide whether a group limited to some types applies.
 */
export type SynonymExpander = (stems: readonly string[], questionTypes: readonly string[]) => string[][][];

function indexOfSequence(haystack: readonly string[], needle: readonly string[], from: number): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The stems of each phrase, leaving out phrases that have none (only stop words). */
function analysePhrases(phrases: readonly string[], analyzer: TextAnalyzer): string[][] {
  return phrases.map((phrase) => analyzer.terms(phrase)).filter((stems) => stems.length > 0);
}

interface ExpansionRule {
  /** Phrases (as stems) that trigger the rule. */
  from: string[][];
  /** What a triggering phrase may also be said as. */
  to: string[][];
  /** The question types the rule is limited to (none: every question). */
  onlyFor: readonly string[];
}

/** The phrases a group's entry is triggered by, what they bring, and the question types it is limited to. */
function groupParts(group: SynonymGroup): { from: readonly string[]; to: readonly string[]; onlyFor: readonly string[] } {
  if ('term' in group) return { from: group.saidAs, to: [group.term], onlyFor: [] };
  if ('members' in group) return { from: group.members, to: group.members, onlyFor: group.questionTypes };
  return { from: group, to: group, onlyFor: [] };
}

/** Whether a rule applies to a question of these types. */
function applies(rule: { onlyFor: readonly string[] }, questionTypes: readonly string[]): boolean {
  return rule.onlyFor.length === 0 || rule.onlyFor.some((type) => questionTypes.includes(type));
}

/**
 * Builds the synonym expander from `knowledge/synonyms.json`. Members are analysed like any text, so
 * "bone cement" is the stems [bone, cement] and matches "cements" too. A group's member found in the
 * question (as consecutive stems) gives every position it covers the group's other members; a lay term
 * ({ term, saidAs }) gives its positions the term only, never the other way round. A group limited to
 * some question types ({ members, questionTypes }) applies only to a question of one of them.
 */
export function createSynonymExpander(groups: readonly SynonymGroup[], analyzer: TextAnalyzer): SynonymExpander {
  const rules: ExpansionRule[] = groups
    .map((group): ExpansionRule => {
      const { from, to, onlyFor } = groupParts(group);
      return { from: analysePhrases(from, analyzer), to: analysePhrases(to, analyzer), onlyFor };
    })
    .filter((rule) => rule.to.length > 0 && rule.from.length > 0);
  // A member matches only where the question says its first stem: per stem, the rules (by number) with a
  // member starting with it, so a question looks only at those, in the rules' order.
  const rulesStarting = new Map<string, number[]>();
  rules.forEach((rule, i) => {
    for (const [first] of rule.from) {
      const list = rulesStarting.get(first as string);
      if (!list) rulesStarting.set(first as string, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  return (stems, questionTypes) => {
    const alternatives: Map<string, string[]>[] = stems.map(() => new Map());
    const candidates = [...new Set(stems.flatMap((stem) => rulesStarting.get(stem) ?? []))].sort((a, b) => a - b);
    for (const i of candidates) {
      const rule = rules[i] as ExpansionRule;
      if (!applies(rule, questionTypes)) continue;
      for (const member of rule.from) {
        for (let at = indexOfSequence(stems, member, 0); at >= 0; at = indexOfSequence(stems, member, at + 1)) {
          for (let position = at; position < at + member.length; position += 1) {
            for (const other of rule.to) {
              const key = other.join(' ');
              if (key !== member.join(' ') && key !== stems[position]) alternatives[position]?.set(key, other);
            }
          }
        }
      }
    }
    return alternatives.map((found) => [...found.values()]);
  };
}

/** A synonym phrase made only of stop words ("go wrong", "further") found in a question, and what else it may be said as. */
export interface StopWordPhrase {
  /** The phrase as the synonym list says it (normalised words joined by spaces: "go wrong" for "going wrong"). */
  phrase: string;
  /** The other members of its group (or its lay term), each a list of stems, without other all-stop-word members. */
  alternatives: string[][];
}

/** Finds the synonym phrases made only of stop words in a question's tokens (`questionTypes` as for `SynonymExpander`). */
export type StopWordPhraseFinder = (tokens: readonly Token[], questionTypes: readonly string[]) => StopWordPhrase[];

/**
 * Builds the finder for synonym members made only of stop words ("go wrong", "right for me", "another"):
 * search ignores stop words, so without it such a member could never match. Matched on the question's
 * words, stop words included, by their stems: "going wrong" is "go wrong".
 */
export function createStopWordPhraseFinder(groups: readonly SynonymGroup[], analyzer: TextAnalyzer): StopWordPhraseFinder {
  const wordsAndStems = (phrase: string): { words: string; stems: string[] } => {
    const tokens = analyzer.tokens(phrase);
    return { words: tokens.map((token) => token.word).join(' '), stems: tokens.map((token) => token.stem) };
  };
  const allStop = (phrase: string): boolean => {
    const tokens = analyzer.tokens(phrase);
    return tokens.length > 0 && tokens.every((token) => token.stop);
  };
  const rules = groups.flatMap((group) => {
    const parts = groupParts(group);
    const from = parts.from.filter(allStop).map(wordsAndStems);
    const to = analysePhrases(parts.to, analyzer);
    return from.length > 0 && to.length > 0 ? [{ from, to, onlyFor: parts.onlyFor }] : [];
  });
  return (tokens, questionTypes) => {
    const sequence = tokens.map((token) => token.stem);
    const found = new Map<string, StopWordPhrase>();
    for (const rule of rules) {
      if (!applies(rule, questionTypes)) continue;
      for (const member of rule.from) {
        if (indexOfSequence(sequence, member.stems, 0) < 0) continue;
        const phrase = member.words;
        const known = found.get(phrase);
        if (known) known.alternatives.push(...rule.to);
        else found.set(phrase, { phrase, alternatives: [...rule.to] });
      }
    }
    return [...found.values()];
  };
}
