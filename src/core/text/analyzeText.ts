import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import { words as englishStopWords } from 'natural/lib/natural/util/stopwords';

/** A word of a text after normalising, with its stem. */
export interface Token {
  /** The normalised word: lower case, straight apostrophes, no possessive. */
  word: string;
  /** Porter stem of the word (numbers stay as they are). */
  stem: string;
  /** Whether the word carries no meaning for search (a stop word). */
  stop: boolean;
}

/** Turns text into search terms: the same analysis for documents, questions and synonyms. */
export interface TextAnalyzer {
  /** All tokens of a text, stop words included and marked. */
  tokens(text: string): Token[];
  /** Stems of the meaningful words of a text, in order (duplicates kept). */
  terms(text: string): string[];
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
// The same on ASCII text (where letters and digits are just these), and much faster.
const ASCII_WORD = /[A-Za-z0-9]+(?:'[A-Za-z]+)*/g;
const ASCII = /^[\x00-\x7f]*$/;

/** Lower-cases and folds typographic variants so that "Don’t" and "don't" are the same word. */
export function normalizeText(text: string): string {
  // ASCII text is its own NFKC form and has no typographic quotes or dashes except the backtick.
  if (ASCII.test(text)) {
    const lower = text.toLowerCase();
    return lower.includes('`') ? lower.replace(/`/g, "'") : lower;
  }
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-');
}

function expandContractions(text: string): string {
  if (!text.includes("'")) return text;
  return text
    .replace(/\b(can)'t\b/g, 'can not')
    .replace(/\b(won)'t\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    .replace(/'(s|re|ve|ll|d|m)\b/g, '');
}

/** Stop-word adjustments for the analyzer. */
export interface StopWordOptions {
  /** Words to ignore on top of natural's English stop words. */
  extra?: readonly string[];
  /** Stop words that carry meaning here and are kept. */
  kept?: readonly string[];
}

/**
 * Builds the analyzer: words and numbers (hyphenated words split, contractions expanded), natural's
 * English stop-word list adjusted by the options, and natural's Porter stemmer.
 */
export function createTextAnalyzer(stopWordOptions: StopWordOptions = {}): TextAnalyzer {
  const kept = new Set((stopWordOptions.kept ?? []).map((word) => normalizeText(word)));
  const stopWords = new Set(
    [...englishStopWords, ...(stopWordOptions.extra ?? []).map((word) => normalizeText(word))].filter((word) => !kept.has(word)),
  );
  const stemCache = new Map<string, string>();
  const stem = (word: string): string => {
    let cached = stemCache.get(word);
    if (cached === undefined) {
      cached = /^\d/.test(word) ? word : PorterStemmer.stem(word);
      stemCache.set(word, cached);
    }
    return cached;
  };
  const isStop = (word: string): boolean => stopWords.has(word) || word.length < 2;
  const wordsOf = (text: string): string[] => {
    const normalized = expandContractions(normalizeText(text));
    return normalized.match(ASCII.test(normalized) ? ASCII_WORD : WORD) ?? [];
  };
  return {
    tokens: (text) => wordsOf(text).map((word) => ({ word, stem: stem(word), stop: isStop(word) })),
    terms: (text) => {
      const terms: string[] = [];
      for (const word of wordsOf(text)) if (!isStop(word)) terms.push(stem(word));
      return terms;
    },
  };
}
