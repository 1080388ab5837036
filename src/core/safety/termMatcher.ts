import type { MessageReader, MessageWord } from './readMessage';

/** Whether terms are compared by stem ("numbness" = "numb") or by the word as spelled out ("caused" ≠ "cause"). */
export type TermMode = 'stem' | 'raw';

/** Where a term of a named group was found in a list of words: `[start, end)`. */
export interface TermOccurrence {
  /** The name of the group (a concept, or a marker list). */
  name: string;
  start: number;
  end: number;
}

/** Finds the terms of named groups in a list of words. */
export interface TermMatcher {
  /** Every occurrence of every group's terms in the words, in order of start. */
  find(words: readonly MessageWord[]): TermOccurrence[];
  /** The words of all terms (as spelled out), e.g. as a vocabulary for typo fixing. */
  readonly vocabulary: ReadonlySet<string>;
}

type TermPart = { word: string } | { min: number; max: number };
interface CompiledTerm {
  name: string;
  parts: TermPart[];
}

const RANGE = /^\{(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)\}$/;

/** Whether a term is well formed: words, and number ranges written `{38..43}` with the smaller bound first. */
export function isValidTerm(term: string): boolean {
  return term.split(/\s+/).every((part) => {
    if (!part.includes('{')) return true;
    const range = RANGE.exec(part);
    return range !== null && Number(range[1]) <= Number(range[2]);
  });
}

/**
 * Compiles groups of terms (each a word, a phrase, or a number range written `{38..43}`) into a
 * matcher. Terms are read with the same reader as the messages, so a term's contractions and
 * stems are those of the message.
 */
export function createTermMatcher(groups: Readonly<Record<string, readonly string[]>>, read: MessageReader, mode: TermMode): TermMatcher {
  const key = (word: MessageWord): string => (mode === 'stem' ? word.stem : word.raw);
  const byFirstWord = new Map<string, CompiledTerm[]>();
  const byFirstNumber: CompiledTerm[] = [];
  const vocabulary = new Set<string>();
  for (const [name, terms] of Object.entries(groups)) {
    for (const term of terms) {
      const parts: TermPart[] = term.split(/\s+/).flatMap((part): TermPart[] => {
        const range = RANGE.exec(part);
        if (range) return [{ min: Number(range[1]), max: Number(range[2]) }];
        return read(part).flatMap((sentence) => sentence.words.map((word) => ({ word: key(word) })));
      });
      const first = parts[0];
      if (!first) continue;
      const compiled = { name, parts };
      if ('word' in first) {
        const list = byFirstWord.get(first.word);
        if (list) list.push(compiled);
        else byFirstWord.set(first.word, [compiled]);
      } else byFirstNumber.push(compiled);
      for (const sentence of read(term.replace(/\{[^}]*\}/g, ' '))) for (const word of sentence.words) vocabulary.add(word.raw);
    }
  }
  const matchesAt = (words: readonly MessageWord[], at: number, parts: readonly TermPart[]): boolean => {
    if (at + parts.length > words.length) return false;
    for (let i = 0; i < parts.length; i += 1) {
      const part = parts[i] as TermPart;
      const word = words[at + i] as MessageWord;
      if ('word' in part) {
        if (key(word) !== part.word) return false;
      } else if (word.number === undefined || word.number < part.min || word.number > part.max) return false;
    }
    return true;
  };
  return {
    vocabulary,
    find(words) {
      const found: TermOccurrence[] = [];
      for (let at = 0; at < words.length; at += 1) {
        const word = words[at] as MessageWord;
        const candidates = word.number === undefined ? byFirstWord.get(key(word)) : byFirstNumber;
        if (!candidates) continue;
        for (const term of candidates) {
          if (matchesAt(words, at, term.parts)) found.push({ name: term.name, start: at, end: at + term.parts.length });
        }
      }
      return found;
    },
  };
}
