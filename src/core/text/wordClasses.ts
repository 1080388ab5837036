import { readFileSync } from 'node:fs';

/** Whether an English word is most often a noun, according to natural's Brill tagger lexicon. */
export type NounTest = (word: string) => boolean;

type Lexicon = Record<string, string[]>;

let lexicon: Lexicon | undefined;

/**
 * natural's English lexicon (4 MB of JSON), read on first use rather than at start-up: most messages
 * never need it (only questions with a word the documents don't use), and parsing it is a large share
 * of the time to ready.
 */
function englishLexicon(): Lexicon {
  if (!lexicon) {
    const file = require.resolve('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json');
    lexicon = JSON.parse(readFileSync(file, 'utf8')) as Lexicon;
  }
  return lexicon;
}

/**
 * Builds the noun test from natural's English lexicon (the Penn tags of ~90,000 words, most frequent
 * first). A word the lexicon does not know counts as a noun (mostly names of things) unless it is one of
 * `notNouns` (WordNet's adjectives and adverbs the lexicon lacks, from `knowledge/lexicon.json`:
 * "percutaneous", "preoperative").
 */
export function createNounTest(notNouns: ReadonlySet<string> = new Set()): NounTest {
  return (word) => {
    const words = englishLexicon();
    const tags = words[word] ?? words[word.toLowerCase()];
    if (!tags || tags.length === 0) return !notNouns.has(word.toLowerCase());
    return (tags[0] ?? '').startsWith('NN');
  };
}

/**
 * Whether a word is an English word natural's lexicon knows (as written, or lower-cased), e.g. to tell
 * a typo from a real word. The lexicon is read on first use.
 */
export function isEnglishWord(word: string): boolean {
  const words = englishLexicon();
  return Object.hasOwn(words, word) || Object.hasOwn(words, word.toLowerCase());
}
