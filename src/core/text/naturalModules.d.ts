// Type declarations for the natural submodules we import directly (importing 'natural' itself loads
// database clients and runs dotenv).
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(token: string): string };
  export = PorterStemmer;
}
declare module 'natural/lib/natural/util/stopwords' {
  export const words: string[];
}
declare module 'natural/lib/natural/distance/levenshtein_distance' {
  export function DamerauLevenshteinDistance(source: string, target: string, options?: { restricted?: boolean }): number;
}
declare module 'natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json' {
  const lexicon: Record<string, string[]>;
  export = lexicon;
}
