import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/core/content/contentError';
import { loadDialogContent } from '../../src/core/content/loadDialogContent';
import { loadKnowledge } from '../../src/core/content/loadKnowledge';
import { defaultContentLocation, loadAnswerEngine } from '../../src/core/loadAnswerEngine';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A copy of the real content folders that a test may break. */
function contentCopy(): { knowledgeDir: string; dialogsDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'spine-content-'));
  folders.push(root);
  cpSync(defaultContentLocation.knowledgeDir, join(root, 'knowledge'), { recursive: true });
  cpSync(defaultContentLocation.dialogsDir, join(root, 'dialogs'), { recursive: true });
  return { knowledgeDir: join(root, 'knowledge'), dialogsDir: join(root, 'dialogs') };
}

function editJson(file: string, edit: (data: Record<string, unknown>) => void): void {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(data);
  writeFileSync(file, JSON.stringify(data));
}

function loadError(run: () => unknown): ContentError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected a ContentError');
}

describe('content validation at startup', () => {
  it('loads the real content', () => {
    const knowledge = loadKnowledge(defaultContentLocation.knowledgeDir);
    expect(knowledge.documents).toHaveLength(5);
    expect(knowledge.disagreements[0]?.sides).toHaveLength(3);
    expect(() => loadDialogContent(defaultContentLocation.dialogsDir)).not.toThrow();
  });

  it('names the catalog field that is wrong', () => {
    const { knowledgeDir } = contentCopy();
    editJson(join(knowledgeDir, 'catalog.json'), (data) => {
      (data.documents as Array<Record<string, unknown>>)[2]!.reviewed = 'last spring';
    });
    const error = loadError(() => loadKnowledge(knowledgeDir));
    expect(error.message).toContain('catalog.json');
    expect(error.message).toContain('documents.2.reviewed');
    expect(error.message).toContain('YYYY-MM-DD');
  });

  it('refuses a document without a catalog entry', () => {
    const { knowledgeDir } = contentCopy();
    writeFileSync(join(knowledgeDir, 'documents', 'new-leaflet.md'), '# New leaflet\n\nSome text.\n');
    const error = loadError(() => loadKnowledge(knowledgeDir));
    expect(error.message).toContain('new-leaflet.md');
    expect(error.message).toContain('no catalog entry');
  });

  it('refuses a disagreement side that is not verbatim in its document', () => {
    const { knowledgeDir } = contentCopy();
    editJson(join(knowledgeDir, 'disagreements.json'), (data) => {
      const [first] = data.disagreements as Array<{ sides: Array<{ text: string }> }>;
      first!.sides[1]!.text = 'Ideally, the surgery should happen within eight weeks of the fracture.';
    });
    const error = loadError(() => loadKnowledge(knowledgeDir));
    expect(error.message).toContain('disagreements.json');
    expect(error.message).toContain('not verbatim in 002_7cbda1564bdea43c.txt');
  });

  it('refuses a disagreement that names an unknown question type', () => {
    const { knowledgeDir } = contentCopy();
    editJson(join(knowledgeDir, 'disagreements.json'), (data) => {
      const [first] = data.disagreements as Array<{ questionTypes: string[] }>;
      first!.questionTypes = ['timing', 'when-exactly'];
    });
    const error = loadError(() => loadKnowledge(knowledgeDir));
    expect(error.message).toContain('disagreements.json');
    expect(error.message).toContain('unknown question type "when-exactly"');
  });

  it('refuses a synonym group limited to an unknown question type, or to none', () => {
    const { knowledgeDir } = contentCopy();
    const file = join(knowledgeDir, 'synonyms.json');
    const writeGroups = (questionTypes: string[]): void =>
      editJson(file, (data) => {
        data.groups = [{ members: ['fasting', 'eat'], questionTypes }];
      });
    writeGroups(['preparation', 'diet']);
    expect(loadError(() => loadKnowledge(knowledgeDir)).message).toMatch(/synonyms\.json.*groups\.0 names unknown question type "diet"/);
    writeGroups([]);
    expect(loadError(() => loadKnowledge(knowledgeDir)).message).toMatch(/synonyms\.json.*name at least one question type/);
  });

  it('refuses a clinic question whose anchor is not verbatim, or not unique, in its document', () => {
    const { knowledgeDir } = contentCopy();
    const file = join(knowledgeDir, 'passageQuestions.json');
    const write = (anchor: string): void =>
      writeFileSync(file, JSON.stringify({ passages: [{ documentId: '004_a731c795fe9cea1e', anchor, questions: ['can I take my pills that morning'] }] }));
    write('A person can take any medicine a doctor approves');
    expect(loadError(() => loadKnowledge(knowledgeDir)).message).toMatch(/passageQuestions\.json.*passages\.0: this anchor is not verbatim in 004_a731c795fe9cea1e\.txt/);
    write('kyphoplasty');
    expect(loadError(() => loadKnowledge(knowledgeDir)).message).toMatch(/passages\.0: this anchor occurs more than once in 004_a731c795fe9cea1e\.txt, make it longer/);
    rmSync(file);
    expect(loadKnowledge(knowledgeDir).passageQuestions).toEqual([]);
  });

  it.each([
    ['a rule naming an unknown concept', (data: Record<string, unknown>) => (data.rules as Array<{ when: unknown[] }>)[0]!.when.push(['no-such-concept']), /rule "leg-weakness-numbness" names unknown concept "no-such-concept"/],
    ['a malformed number range', (data: Record<string, unknown>) => (data.concepts as Record<string, string[]>).fever!.push('{43..38}'), /a number range is written \{low\.\.high\}/],
    ['an unknown instruction', (data: Record<string, unknown>) => ((data.rules as Array<{ instruction?: string }>)[0]!.instruction = 'shout'), /"shout" is not one of instructions/],
    ['an unknown default country', (data: Record<string, unknown>) => (data.defaultCountry = 'XX'), /defaultCountry: "XX" is not one of countries/],
    ['an unknown placeholder', (data: Record<string, unknown>) => ((data.instructions as Record<string, string>).emergency = 'Call {ambulanceNumber} now, do not wait here.'), /unknown placeholder \{ambulanceNumber\}/],
  ])('refuses red-flag content with %s', (_name, edit, message) => {
    const { knowledgeDir } = contentCopy();
    editJson(join(knowledgeDir, 'redFlags.json'), edit);
    const error = loadError(() => loadKnowledge(knowledgeDir));
    expect(error.message).toContain('redFlags.json');
    expect(error.message).toMatch(message);
  });

  it('reports invalid JSON with the file name', () => {
    const { dialogsDir } = contentCopy();
    writeFileSync(join(dialogsDir, 'smalltalk.json'), '{ "intents": [ ');
    const error = loadError(() => loadDialogContent(dialogsDir));
    expect(error.message).toMatch(/smalltalk\.json: not valid JSON/);
  });

  it('picks up a new Markdown document with no code change, headings as sections', () => {
    const location = contentCopy();
    writeFileSync(
      join(location.knowledgeDir, 'documents', 'clinic-leaflet.md'),
      '# After your procedure\n\n## Showering\n\nYou may shower the day after the procedure,\nonce the dressing is dry.\n\n- Keep the dressing on for one day.\n- Pat the skin dry.\n',
    );
    editJson(join(location.knowledgeDir, 'catalog.json'), (data) => {
      (data.documents as unknown[]).push({ id: 'clinic-leaflet', file: 'clinic-leaflet.md', title: 'After your procedure', publisher: 'the clinic', reviewed: '2026-11-22', url: null });
    });
    const engine = loadAnswerEngine(location);
    const result = engine.answer('when can I shower');
    expect(result.outcome).toBe('answer');
    expect(result.quotes[0]).toMatchObject({ documentId: 'clinic-leaflet', section: 'Showering', text: 'You may shower the day after the procedure,\nonce the dressing is dry.' });
  });
});
