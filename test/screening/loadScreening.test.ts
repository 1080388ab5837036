/**
 * Loading `dialogs/screening.json`: every quote of the real definition is verbatim in its document; a
 * quote that is not, or a rule that cannot work, stops loading (and startup) with a message naming the
 * file, the question or rule, and the text.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/core/content/contentError';
import { loadKnowledge } from '../../src/core/content/loadKnowledge';
import { defaultContentLocation } from '../../src/core/loadAnswerEngine';
import { loadAnswerWords } from '../../src/core/screening/answerWords';
import { compileScreening, loadScreening } from '../../src/core/screening/loadScreening';
import { screeningDefinitionSchema, type ScreeningDefinition } from '../../src/core/screening/screeningSchemas';
import { startTestAssistant } from '../server/assistantHarness';

const knowledge = loadKnowledge(defaultContentLocation.knowledgeDir);
const definitionFile = path.join(defaultContentLocation.dialogsDir, 'screening.json');
const scratch = mkdtempSync(path.join(tmpdir(), 'spine-screening-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The real definition as JSON, to change one thing in. */
function definitionJson(): ScreeningDefinition {
  return screeningDefinitionSchema.parse(JSON.parse(readFileSync(definitionFile, 'utf8')));
}

/** A copy of dialogs/ whose screening.json is `definition`. */
function dialogsWith(definition: unknown): string {
  const folder = mkdtempSync(path.join(scratch, 'dialogs-'));
  cpSync(defaultContentLocation.dialogsDir, folder, { recursive: true });
  writeFileSync(path.join(folder, 'screening.json'), JSON.stringify(definition, null, 2));
  return folder;
}

const notVerbatim = 'Before proceeding, patients always undergo imaging studies.';

function withImagingQuote(text: string): ScreeningDefinition {
  const definition = definitionJson();
  const imaging = definition.questions.find((question) => question.id === 'imaging');
  if (!imaging) throw new Error('no imaging question');
  imaging.quotes = [{ documentId: '003_f9a9f2161723f8a2', text }];
  return definition;
}

describe('the real definition', () => {
  const screening = loadScreening(defaultContentLocation.dialogsDir, knowledge);

  it('locates every quote of every question and rule verbatim in its document', () => {
    const quotes = [...screening.questions.flatMap((q) => q.quotes), ...screening.rules.flatMap((r) => r.quotes)];
    expect(quotes.length).toBeGreaterThan(20);
    for (const quote of quotes) {
      const document = knowledge.documents.find((candidate) => candidate.id === quote.documentId);
      expect(document?.text.slice(quote.start, quote.end)).toBe(quote.text);
    }
  });

  it('gives every reason as our lead-in to at least one verbatim quote, never a statement of its own', () => {
    for (const rule of screening.rules) {
      expect(rule.reason, rule.id).toMatch(/:$/);
      expect(rule.quotes.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('grounds the criteria the clinic asked for', () => {
    expect(screening.questions.map((question) => [question.id, question.type])).toEqual([
      ['red-flags', 'yes-no'],
      ['imaging', 'yes-no'],
      ['cause', 'choice'],
      ['fracture-age', 'duration'],
      ['pain-despite-treatment', 'yes-no'],
      ['pain-score', 'number'],
      ['height-loss', 'yes-no'],
      ['blood-thinners', 'yes-no'],
    ]);
    const cause = screening.questions.find((question) => question.id === 'cause');
    expect(cause?.type === 'choice' ? cause.options.map((option) => option.id) : []).toEqual(['osteoporosis', 'cancer', 'injury']);
    expect(cause?.allowUnsure).toBe(true);
    // The time since the fracture shows every side of the known disagreement.
    const window = knowledge.disagreements.find((disagreement) => disagreement.id === 'treatment-window');
    const age = screening.questions.find((question) => question.id === 'fracture-age');
    expect(age?.quotes.map(({ documentId, start, end }) => ({ documentId, start, end }))).toEqual(window?.sides);
    // Blood thinners are preparation, never an exclusion.
    expect(screening.rules.filter((rule) => rule.when.some((c) => c.question === 'blood-thinners')).map((rule) => rule.effect)).toEqual(['note']);
  });
});

describe('a definition that cannot be trusted stops loading', () => {
  it('names the file, the question and the text of a quote that is not verbatim', () => {
    const dialogsDir = dialogsWith(withImagingQuote(notVerbatim));
    expect(() => loadScreening(dialogsDir, knowledge)).toThrow(ContentError);
    expect(() => loadScreening(dialogsDir, knowledge)).toThrow(
      new RegExp(`^content error in .*screening\\.json: question "imaging": this quote is not verbatim in 003_f9a9f2161723f8a2\\.txt: "${notVerbatim}"$`),
    );
  });

  it('stops startup with that message', async () => {
    const dialogsDir = dialogsWith(withImagingQuote(notVerbatim));
    await expect(startTestAssistant({ env: { DIALOGS_DIR: dialogsDir } })).rejects.toThrow(/screening\.json: question "imaging": .*"Before proceeding, patients always undergo imaging studies\."/);
  });

  const broken: Array<[string, (definition: ScreeningDefinition) => void, RegExp]> = [
    [
      'a rule quote with different apostrophes',
      (d) => {
        const rule = d.rules.find((r) => r.id === 'cause-osteoporosis');
        if (rule) rule.quotes = [{ documentId: '002_7cbda1564bdea43c', text: "patients who've suffered compression fractures" }];
      },
      /rule "cause-osteoporosis": this quote is not verbatim in 002_7cbda1564bdea43c\.txt: "patients who've suffered compression fractures"/,
    ],
    ['an unknown document', (d) => d.rules[0]?.quotes.splice(0, 1, { documentId: 'nope', text: 'x' }), /rule "red-flag-symptoms": unknown document "nope"/],
    ['an unknown disagreement', (d) => d.rules[0]?.quotes.splice(0, 1, { disagreement: 'cost' }), /unknown disagreement "cost"/],
    ['a condition on a question asked later', (d) => d.questions[1]?.askIf.push({ question: 'cause', is: 'cancer' }), /question "imaging" askIf: condition names "cause"/],
    ['a value the question cannot have', (d) => d.rules[0]?.when.splice(0, 1, { question: 'cause', is: 'fracture' }), /"cause" cannot be "fracture"/],
    ['a duration limit that is not one', (d) => d.rules[0]?.when.splice(0, 1, { question: 'fracture-age', over: 'soon' }), /must be a duration such as "8 weeks"/],
    ['a range test on a yes/no question', (d) => d.rules[0]?.when.splice(0, 1, { question: 'imaging', over: 3 }), /needs a number, date or duration question/],
    ['a duplicate question id', (d) => d.questions.push({ ...(d.questions[0] as ScreeningDefinition['questions'][number]) }), /duplicate question id "red-flags"/],
  ];
  it.each(broken)('%s', (_name, change, message) => {
    const definition = definitionJson();
    change(definition);
    expect(() => compileScreening(definition, knowledge, 'dialogs/screening.json', loadAnswerWords(defaultContentLocation.dialogsDir))).toThrow(message);
  });

  it('refuses a reason that makes a statement of its own instead of leading in to its quotes', () => {
    const definition = definitionJson();
    const rule = definition.rules.find((candidate) => candidate.id === 'blood-thinners-preparation');
    if (!rule) throw new Error('no blood-thinners rule');
    rule.reason = 'Blood-thinning medicine does not rule the treatment out, but it needs planning.';
    expect(() => loadScreening(dialogsWith(definition), knowledge)).toThrow(/screening\.json: rules\.\d+\.reason: must end with a colon/);
  });

  it('names the field when the file does not match the schema', () => {
    const definition = { ...definitionJson(), maxAttempts: 0 };
    expect(() => loadScreening(dialogsWith(definition), knowledge)).toThrow(/screening\.json: maxAttempts: /);
  });
});
