import type { LaySynonym } from '../content/knowledgeSchemas';
import type { TextAnalyzer } from '../text/analyzeText';

/** For each position of a list of question stems, the other ways of saying it (each a list of stems). */
export type SynonymExpander = (stems: readonly string[]) => string[][][];

function indexOfSequence(haystack: readonly string[], needle: readonly string[], from: number): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

interface ExpansionRule {
  /** Phrases (as stems) that trigger the rule. */
  from: string[][];
  /** What a triggering phrase may also be said as. */
  to: string[][];
}

/**
 * Builds the synonym expander from `knowledge/synonyms.json`. Members are analysed like any text, so
 * "bone cement" is the stems [bone, cement] and matches "cements" too. A group's member found in the
 * question (as consecutive stems) gives every position it covers the group's other members; a lay term
 * ({ term, saidAs }) gives its positions the term only, never the other way round.
 */
export function createSynonymExpander(groups: ReadonlyArray<readonly string[] | LaySynonym>, analyzer: TextAnalyzer): SynonymExpander {
  const analyse = (phrases: readonly string[]): string[][] => phrases.map((phrase) => analyzer.terms(phrase)).filter((stems) => stems.length > 0);
  const rules: ExpansionRule[] = groups
    .map((group): ExpansionRule => {
      if ('term' in group) return { from: analyse(group.saidAs), to: analyse([group.term]) };
      const members = analyse(group);
      return { from: members, to: members };
    })
    .filter((rule) => rule.to.length > 0 && rule.from.length > 0);
  return (stems) => {
    const alternatives: Map<string, string[]>[] = stems.map(() => new Map());
    for (const rule of rules) {
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
