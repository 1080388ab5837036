import type { WordVectors } from '../content/knowledgeSchemas';

/**
 * A sentence's meaning as one unit-length vector: the sum of its words' vectors (each already weighted by
 * smooth inverse frequency in the table, so "the" counts for little and "walk" for much), normalised.
 * Null when the table knows none of its words.
 */
export type SentenceEncoder = (text: string) => Float32Array | null;

/**
 * The words the table holds and a sentence is read as: lower-case letters with inner hyphens or
 * apostrophes ("x-ray", "don't"). scripts/buildWordVectors.ts keeps only words of this shape.
 */
export const vectorWordSource = "[a-z]+(?:['-][a-z]+)*";
const wordPattern = new RegExp(vectorWordSource, 'g');

/** Builds the encoder over a word-vector table (`knowledge/wordVectors.json`). */
export function createSentenceEncoder(table: WordVectors): SentenceEncoder {
  const { dimensions } = table;
  const bytes = new Int8Array(Buffer.from(table.vectors, 'base64'));
  const rows = new Map<string, number>(table.words.map((word, row) => [word, row]));
  return (text) => {
    const sum = new Float32Array(dimensions);
    let found = false;
    for (const word of text.toLowerCase().replace(/[\u2018\u2019]/g, "'").match(wordPattern) ?? []) {
      const row = rows.get(word);
      if (row === undefined) continue;
      found = true;
      const scale = table.scales[row] as number;
      const offset = row * dimensions;
      for (let d = 0; d < dimensions; d += 1) sum[d] = (sum[d] as number) + (bytes[offset + d] as number) * scale;
    }
    if (!found) return null;
    let length = 0;
    for (let d = 0; d < dimensions; d += 1) length += (sum[d] as number) ** 2;
    length = Math.sqrt(length);
    if (length === 0) return null;
    for (let d = 0; d < dimensions; d += 1) sum[d] = (sum[d] as number) / length;
    return sum;
  };
}

/** The dot product of a vector with the one stored in `rows` from `offset` on (the cosine, for unit vectors). */
export function dotAt(rows: Float32Array, offset: number, vector: Float32Array): number {
  // Four sums at a time: the loop is most of the closeness of wording's cost.
  const length = vector.length;
  let a = 0;
  let b = 0;
  let c = 0;
  let e = 0;
  let d = 0;
  for (; d + 3 < length; d += 4) {
    a += (rows[offset + d] as number) * (vector[d] as number);
    b += (rows[offset + d + 1] as number) * (vector[d + 1] as number);
    c += (rows[offset + d + 2] as number) * (vector[d + 2] as number);
    e += (rows[offset + d + 3] as number) * (vector[d + 3] as number);
  }
  for (; d < length; d += 1) a += (rows[offset + d] as number) * (vector[d] as number);
  return a + b + c + e;
}
