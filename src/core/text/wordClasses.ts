import lexicon from 'natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json';

/** Whether an English word is most often a noun, according to natural's Brill tagger lexicon. */
export type NounTest = (word: string) => boolean;

/**
 * Builds the noun test from natural's English lexicon (the Penn tags of ~90,000 words, most frequent
 * first). Words the lexicon does not know count as nouns: they are mostly names of things.
 */
export function createNounTest(): NounTest {
  return (word) => {
    const tags = lexicon[word] ?? lexicon[word.toLowerCase()];
    if (!tags || tags.length === 0) return true;
    return (tags[0] ?? '').startsWith('NN');
  };
}
