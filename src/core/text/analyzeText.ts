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

/** Lower-cases and folds typographic variants so that "Don’t" and "don't" are the same word. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-');
}

function expandContractions(text: string): string {
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
  const tokens = (text: string): Token[] => {
    const words = expandContractions(normalizeText(text)).match(WORD) ?? [];
    return words.map((word) => ({ word, stem: stem(word), stop: stopWords.has(word) || word.length < 2 }));
  };
  return {
    tokens,
    terms: (text) => tokens(text).filter((token) => !token.stop).map((token) => token.stem),
  };
}
