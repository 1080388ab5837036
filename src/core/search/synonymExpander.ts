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

/**
 * Builds the synonym expander from the groups in `knowledge/synonyms.json`. Members are analysed like
 * any text, so "bone cement" is the stems [bone, cement] and matches "cements" too. A member found in
 * the question (as consecutive stems) gives every question position it covers the group's other members.
 */
export function createSynonymExpander(groups: readonly string[][], analyzer: TextAnalyzer): SynonymExpander {
  const analysed = groups
    .map((group) => group.map((member) => analyzer.terms(member)).filter((stems) => stems.length > 0))
    .filter((group) => group.length > 1);
  return (stems) => {
    const alternatives: Map<string, string[]>[] = stems.map(() => new Map());
    for (const group of analysed) {
      for (const member of group) {
        for (let at = indexOfSequence(stems, member, 0); at >= 0; at = indexOfSequence(stems, member, at + 1)) {
          for (let position = at; position < at + member.length; position += 1) {
            for (const other of group) {
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
