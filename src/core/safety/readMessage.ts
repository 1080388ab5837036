import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import { normalizeText } from '../text/analyzeText';

/** One word of a message as the red-flag check reads it. */
export interface MessageWord {
  /** The word in lower case, contractions and text-speak spelled out, typos fixed. */
  raw: string;
  /** Porter stem of `raw` (numbers stay as they are). */
  stem: string;
  /** The value, when the word is a number ("39.6", "39,6"). */
  number?: number;
}

/** One sentence of a message. */
export interface MessageSentence {
  words: MessageWord[];
  /** Whether the sentence ends with a question mark. */
  endsWithQuestionMark: boolean;
}

/** How words are spelled out before matching (from `knowledge/redFlags.json`). */
export interface SpellingOut {
  /** Contractions without their apostrophe → words ("cant" → "can not"). */
  contractions: Readonly<Record<string, string>>;
  /** Contractions that are only spelled out when typed with the apostrophe ("i'll", not "ill"). */
  keepApostropheWords: readonly string[];
  /** Text-speak → words ("rn" → "right now"). */
  textSpeak: Readonly<Record<string, string>>;
  /** Phrases read as other words ("not able to" → "unable to"), after the words are spelled out. */
  phrases?: Readonly<Record<string, string>>;
  /** Fixes a word no dictionary knows (a typo) to a word of the red-flag vocabulary, or returns it. */
  fixTypo?: (word: string) => string;
}

/** Reads a message into sentences of words. */
export type MessageReader = (message: string) => MessageSentence[];

const SENTENCE_END = /[.!?;:]+(?=\s|$)|[\r\n]+|\s[-–—]+\s/g;
// Decimals first ("39.6"), then runs of letters and digits ("2day", "b4" and "kms" stay whole).
const WORD = /\d+(?:[.,]\d+)+|[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
// A number, maybe with the unit of a temperature stuck to it ("39.5c", "103f").
const NUMBER = /^(\d+(?:[.,]\d+)?)[cf]?$/;
const REPEATED = /(\p{L})\1{2,}/gu;

/** Porter stem of a word; numbers and one-letter words stay as they are. */
export function stemWord(word: string): string {
  return /^\d/.test(word) || word.length < 2 ? word : PorterStemmer.stem(word);
}

/**
 * Builds the reader: lower case and straight apostrophes, sentences split at stops, question marks,
 * semicolons, colons, line breaks and dashes; possessive "'s" dropped; contractions and text-speak spelled out;
 * letters typed three or more times cut to two ("helppp" → "helpp"); typos fixed; every word stemmed.
 */
export function createMessageReader(spelling: SpellingOut): MessageReader {
  const keepApostrophe = new Set(spelling.keepApostropheWords);
  const spelled = new Map<string, string[]>();
  for (const table of [spelling.textSpeak, spelling.contractions]) {
    for (const [from, to] of Object.entries(table)) spelled.set(from, to.split(/\s+/));
  }
  const phrases = new Map<string, Array<{ from: string[]; to: string[] }>>();
  for (const [from, to] of Object.entries(spelling.phrases ?? {})) {
    const words = from.split(/\s+/);
    const list = phrases.get(words[0] ?? '') ?? [];
    list.push({ from: words, to: to.split(/\s+/) });
    phrases.set(words[0] ?? '', list);
  }
  const rephrase = (words: MessageWord[]): MessageWord[] => {
    if (phrases.size === 0) return words;
    const out: MessageWord[] = [];
    for (let at = 0; at < words.length; at += 1) {
      const word = words[at] as MessageWord;
      const rule = phrases.get(word.raw)?.find(({ from }) => from.every((part, i) => words[at + i]?.raw === part));
      if (!rule) {
        out.push(word);
        continue;
      }
      for (const part of rule.to) out.push({ raw: part, stem: stemOf(part) });
      at += rule.from.length - 1;
    }
    return out;
  };
  const stems = new Map<string, string>();
  const stemOf = (word: string): string => {
    let stem = stems.get(word);
    if (stem === undefined) {
      stem = stemWord(word);
      // Stems of the words people type are few; a bound keeps odd input from growing the table.
      if (stems.size < 20_000) stems.set(word, stem);
    }
    return stem;
  };
  const push = (words: MessageWord[], raw: string): void => {
    const number = NUMBER.exec(raw);
    if (number) {
      words.push({ raw, stem: raw, number: Number((number[1] ?? '').replace(',', '.')) });
      return;
    }
    const fixed = spelling.fixTypo ? spelling.fixTypo(raw) : raw;
    words.push({ raw: fixed, stem: stemOf(fixed) });
  };
  const readSentence = (text: string, endsWithQuestionMark: boolean): MessageSentence => {
    const words: MessageWord[] = [];
    for (const [token] of text.matchAll(WORD)) {
      let word = token.replace(REPEATED, '$1$1');
      const apostrophe = word.includes("'");
      if (apostrophe) {
        const joined = word.replace(/'/g, '');
        word = word.endsWith("'s") && !spelled.has(joined) ? word.slice(0, -2).replace(/'/g, '') : joined;
      }
      const out = spelled.get(word);
      if (out && (apostrophe || !keepApostrophe.has(word))) for (const part of out) push(words, part);
      else push(words, word);
    }
    return { words: rephrase(words), endsWithQuestionMark };
  };
  return (message) => {
    const text = normalizeText(message);
    const sentences: MessageSentence[] = [];
    let from = 0;
    for (const end of text.matchAll(SENTENCE_END)) {
      const sentence = readSentence(text.slice(from, end.index), end[0].includes('?'));
      if (sentence.words.length > 0) sentences.push(sentence);
      from = end.index + end[0].length;
    }
    const last = readSentence(text.slice(from), false);
    if (last.words.length > 0) sentences.push(last);
    return sentences;
  };
}
