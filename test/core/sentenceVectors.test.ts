import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/core/content/contentError';
import { loadKnowledge } from '../../src/core/content/loadKnowledge';
import { defaultContentLocation, loadAnswerEngine } from '../../src/core/loadAnswerEngine';
import { createSentenceEncoder, dotAt } from '../../src/core/text/sentenceVectors';

const knowledge = loadKnowledge(defaultContentLocation.knowledgeDir);
const encode = createSentenceEncoder(knowledge.wordVectors!);
const similarity = (a: string, b: string): number => dotAt(encode(a)!, 0, encode(b)!);

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function knowledgeCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'spine-vectors-'));
  folders.push(root);
  cpSync(defaultContentLocation.knowledgeDir, join(root, 'knowledge'), { recursive: true });
  return join(root, 'knowledge');
}

describe('sentence vectors from the word-vector table', () => {
  it('puts wording about the same thing closer than wording about another', () => {
    const walking = 'will I be able to walk around again after it';
    expect(similarity(walking, 'how soon can I get back to walking my dog')).toBeGreaterThan(similarity(walking, 'what does the treatment cost'));
    expect(similarity('is it going to hurt a lot', 'how painful is it')).toBeGreaterThan(similarity('is it going to hurt a lot', 'where is the clinic'));
  });

  it('gives unit vectors, reads curly apostrophes as straight ones and returns null for words it does not know', () => {
    expect(similarity('how long does recovery take', 'how long does recovery take')).toBeCloseTo(1, 5);
    expect(Array.from(encode('what can’t I do afterwards')!)).toEqual(Array.from(encode("what can't I do afterwards")!));
    expect(encode('kyphoplasty 12345')).toBeNull();
    expect(encode('')).toBeNull();
  });

  it('refuses a table whose vectors do not match its words, naming the file', () => {
    const knowledgeDir = knowledgeCopy();
    const file = join(knowledgeDir, 'wordVectors.json');
    const table = JSON.parse(readFileSync(file, 'utf8')) as { words: string[] };
    table.words.push('extra');
    writeFileSync(file, JSON.stringify(table));
    let error: unknown;
    try {
      loadKnowledge(knowledgeDir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContentError);
    expect((error as Error).message).toContain('wordVectors.json');
    expect((error as Error).message).toContain('scales must have one entry per word');
  });
});

describe('ranking moved by closeness to the clinic questions', () => {
  const question = 'is the needle bit going to sting a lot';
  const engine = loadAnswerEngine();
  const off = loadAnswerEngine({ options: { askedSimilarityWeight: 0 } });

  it('with weight 0 ranks exactly as without word vectors', () => {
    const knowledgeDir = knowledgeCopy();
    rmSync(join(knowledgeDir, 'wordVectors.json'));
    const withoutVectors = loadAnswerEngine({ knowledgeDir });
    const scores = (ranked: ReturnType<typeof off.rank>) => ranked.map((r) => [r.passage.id, r.score]);
    expect(scores(off.rank(question))).toEqual(scores(withoutVectors.rank(question)));
    expect(withoutVectors.answer('How long does kyphoplasty take?').outcome).toBe('answer');
  });

  it('keeps the score of the closest of the best candidates and lowers every other one', () => {
    const before = new Map(off.rank(question).map((r) => [r.passage.id, r.score]));
    const after = engine.rank(question);
    expect(after[0]?.passage.id).not.toBe(off.rank(question)[0]?.passage.id);
    const kept = after.filter((r) => r.score === before.get(r.passage.id));
    expect(kept).toHaveLength(1);
    for (const ranked of after) expect(ranked.score).toBeLessThanOrEqual(before.get(ranked.passage.id)!);
  });
});
