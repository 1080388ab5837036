import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { passageFeatureNames } from '../../src/core/content/passageFeatureNames';
import { defaultContentLocation, loadAnswerEngine } from '../../src/core/loadAnswerEngine';

const root = mkdtempSync(join(tmpdir(), 'spine-questions-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An engine over a copy of knowledge/ whose passageQuestions.json holds only the given entries (none: no file). */
function engineWith(entries: Array<{ documentId: string; anchor: string; questions: string[] }> | undefined) {
  const knowledgeDir = mkdtempSync(join(root, 'knowledge-'));
  cpSync(defaultContentLocation.knowledgeDir, knowledgeDir, { recursive: true });
  const file = join(knowledgeDir, 'passageQuestions.json');
  if (entries) writeFileSync(file, JSON.stringify({ passages: entries }));
  else rmSync(file);
  return loadAnswerEngine({ knowledgeDir });
}

const medication = { documentId: '004_a731c795fe9cea1e', anchor: 'A person can take any medication a doctor approves', questions: ['is it ok to swallow my usual pills that morning'] };

describe("the clinic's questions for a passage (knowledge/passageQuestions.json)", () => {
  it('find the passage for a question worded like one of them, in words the passage does not use', () => {
    const question = 'what about my usual pills that morning';
    expect(engineWith(undefined).answer(question).outcome).toBe('no-answer');
    const result = engineWith([medication]).answer(question);
    expect(result.outcome).toBe('answer');
    expect(result.quotes[0]?.text).toBe('A person can take any medication a doctor approves, along with sips of water.');
  });

  it('only help find passages: the quote is still the document’s own words', () => {
    const engine = engineWith([medication]);
    const [quote] = engine.answer('is it ok to swallow my usual pills that morning').quotes;
    const document = engine.knowledge.documents.find((doc) => doc.id === quote?.documentId);
    expect(quote && document?.text.slice(quote.start, quote.end)).toBe(quote?.text);
    expect(quote?.text).not.toMatch(/swallow|pills/);
  });

  it('do not make an unrelated question that shares a word with them answerable', () => {
    expect(engineWith([medication]).answer('will the weather be ok that morning').outcome).toBe('no-answer');
  });

  it('share a question-form word only when they ask the same kind of thing ("place" in "take place")', () => {
    const anchor = { documentId: medication.documentId, anchor: medication.anchor };
    const askedMatch = (clinicQuestion: string): number => {
      const ranked = engineWith([{ ...anchor, questions: [clinicQuestion] }]).rank('where does the operation take place');
      const passage = ranked.find((r) => r.passage.text.startsWith(medication.anchor));
      return passage?.features[passageFeatureNames.indexOf('askedMatch')] ?? 0;
    };
    expect(askedMatch('is anything put back in its place')).toBe(0);
    expect(askedMatch('in which hospital will it take place')).toBeGreaterThan(0);
  });
});
