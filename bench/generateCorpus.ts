/**
 * Generates larger corpora for the retrieval benchmark: a copy of `knowledge/` in a temp folder with
 * generated documents added (and their catalog entries), so that the corpus holds `multiplier` times
 * the seed documents' text. Each generated document is a seed document whose lines keep their shape
 * (headings, lists, paragraphs) but whose sentences are shuffled within the paragraph and whose words
 * are varied: about one word in five is swapped for another word of the seed vocabulary, one in
 * thirty for an invented word (so the vocabulary grows with the corpus, as with real documents), and
 * numbers change. Deterministic for a given multiplier (seeded pseudo-random numbers).
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from './benchProcess';

interface CatalogEntry {
  id: string;
  file: string;
  title: string;
  publisher: string;
  reviewed: string;
  url: string | null;
}

/** Mulberry32: a small seeded generator of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const syllables = ['ka', 'lo', 'ver', 'tum', 'pri', 'sen', 'dal', 'or', 'mex', 'ti', 'ran', 'qui', 'zo', 'bel', 'fra', 'nu'];

/** Varies one seed document's text. */
function vary(text: string, vocabulary: readonly string[], next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const word = (original: string): string => {
    if (/^\d+$/.test(original)) return String(Math.floor(next() * 10 ** original.length));
    if (original.length < 4) return original;
    const roll = next();
    if (roll < 1 / 30) return Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(syllables)).join('');
    if (roll < 0.2) return pick(vocabulary);
    return original;
  };
  return text
    .split('\n')
    .map((line) => {
      const sentences = line.match(/[^.!?]+[.!?]+\s*|[^.!?]+$/g) ?? [line];
      if (sentences.length > 1) {
        for (let i = sentences.length - 1; i > 0; i -= 1) {
          const j = Math.floor(next() * (i + 1));
          [sentences[i], sentences[j]] = [sentences[j] as string, sentences[i] as string];
        }
      }
      return sentences.join('').replace(/[A-Za-z]+|\d+/g, word);
    })
    .join('\n');
}

/** Writes a knowledge folder with `multiplier` times the seed text; returns its path (the caller removes it). */
export function generateCorpus(multiplier: number): string {
  const folder = mkdtempSync(join(tmpdir(), `spine-corpus-${multiplier}x-`));
  cpSync(join(repo, 'knowledge'), folder, { recursive: true });
  if (multiplier <= 1) return folder;
  const catalogFile = join(folder, 'catalog.json');
  const catalog = JSON.parse(readFileSync(catalogFile, 'utf8')) as { documents: CatalogEntry[] };
  const seeds = catalog.documents.map((entry) => ({ entry, text: readFileSync(join(folder, 'documents', entry.file), 'utf8') }));
  const vocabulary = [...new Set(seeds.flatMap((seed) => seed.text.match(/[A-Za-z]{4,}/g) ?? []))];
  const next = random(multiplier);
  const generated: CatalogEntry[] = [];
  for (let copy = 1; copy < multiplier; copy += 1) {
    for (const seed of seeds) {
      const id = `gen_${copy}_${seed.entry.id}`;
      const file = `${id}.txt`;
      writeFileSync(join(folder, 'documents', file), vary(seed.text, vocabulary, next));
      generated.push({ ...seed.entry, id, file, title: `${seed.entry.title} (${copy})` });
    }
  }
  writeFileSync(catalogFile, JSON.stringify({ ...catalog, documents: [...catalog.documents, ...generated] }));
  return folder;
}

/** Number of documents in a generated folder. */
export function documentCount(folder: string): number {
  return readdirSync(join(folder, 'documents')).length;
}
