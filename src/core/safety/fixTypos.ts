import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import { stemWord } from './readMessage';

/** Options of {@link createTypoFixer}. */
export interface TypoFixerOptions {
  /** Whether a word is a real word (not a typo), e.g. an English dictionary's test. Asked only for words near the vocabulary. */
  isKnownWord: (word: string) => boolean;
  /** Words shorter than this are never fixed. Default 4. */
  minLength?: number;
  /** Words at least this long may be two edits from their fix; shorter ones one. Default 8. */
  twoEditsFrom?: number;
}

/** The default options of {@link createTypoFixer}, besides the dictionary. */
export const defaultTypoFixerOptions = { minLength: 4, twoEditsFrom: 8 } as const;

function deletions(word: string, edits: number, into: Set<string>): Set<string> {
  if (edits === 0) return into;
  for (let i = 0; i < word.length; i += 1) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) {
      into.add(shorter);
      deletions(shorter, edits - 1, into);
    }
  }
  return into;
}

/**
 * Builds a typo fixer over a vocabulary (the words of the red-flag concepts): a word that is not in
 * the vocabulary and not a real word, and is one edit (two for long words: a letter added, dropped,
 * changed or two swapped) from exactly one vocabulary word (or from several with one stem), is read
 * as that word: "cheast" → "chest", "bladdr" → "bladder", "numbnes" → "numbness". Candidates are
 * found through their deletions (as in SymSpell), so a word costs a few map look-ups; the dictionary
 * is asked only when there is a candidate.
 */
export function createTypoFixer(vocabulary: Iterable<string>, options: TypoFixerOptions): (word: string) => string {
  const minLength = options.minLength ?? defaultTypoFixerOptions.minLength;
  const twoEditsFrom = options.twoEditsFrom ?? defaultTypoFixerOptions.twoEditsFrom;
  const editsFor = (word: string): number => (word.length >= twoEditsFrom ? 2 : 1);
  const known = new Set<string>();
  const byDeletion = new Map<string, string[]>();
  for (const word of vocabulary) {
    if (!/^\p{L}+$/u.test(word)) continue;
    known.add(word);
    if (word.length < minLength) continue;
    for (const variant of deletions(word, editsFor(word), new Set([word]))) {
      const list = byDeletion.get(variant);
      if (list) list.push(word);
      else byDeletion.set(variant, [word]);
    }
  }
  const fixed = new Map<string, string>();
  const fix = (word: string): string => {
    const edits = editsFor(word);
    let best: string | undefined;
    let bestDistance = edits + 1;
    let tied = false;
    for (const variant of deletions(word, edits, new Set([word]))) {
      for (const candidate of byDeletion.get(variant) ?? []) {
        const distance = DamerauLevenshteinDistance(word, candidate);
        if (distance > editsFor(candidate) || distance > bestDistance) continue;
        if (distance < bestDistance) {
          best = candidate;
          bestDistance = distance;
          tied = false;
        } else if (candidate !== best && stemWord(candidate) !== stemWord(best ?? '')) tied = true;
      }
    }
    if (!best || tied || options.isKnownWord(word)) return word;
    return best;
  };
  return (word) => {
    if (word.length < minLength || known.has(word)) return word;
    let result = fixed.get(word);
    if (result === undefined) {
      result = fix(word);
      // Most messages repeat a few thousand words; the bound keeps odd input from growing the table.
      if (fixed.size < 20_000) fixed.set(word, result);
    }
    return result;
  };
}
