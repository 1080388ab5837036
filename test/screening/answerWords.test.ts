/** The answer words file (dialogs/answerWords.json): validated at startup, and what the parsers understand. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerWordsFileName, answerWordsSchema, compileAnswerWords, loadAnswerWords, type AnswerWordsContent } from '../../src/core/screening/answerWords';
import { parseSingleNumber } from '../../src/core/screening/parseNumber';
import { parseDate, parseDuration } from '../../src/core/screening/parseTime';
import { defaultContentLocation } from '../../src/core/loadAnswerEngine';
import { testToday } from './screeningTestKit';

const stored = (): AnswerWordsContent => answerWordsSchema.parse(JSON.parse(readFileSync(join(defaultContentLocation.dialogsDir, answerWordsFileName), 'utf8')));

describe('answer words', () => {
  it('are what the parsers understand: a word added to the file is understood', () => {
    const content = stored();
    content.time.quantities['a handful of'] = 5;
    content.dates.months[2]?.push('marzo');
    content.numbers.units['dozen'] = 12;
    const words = compileAnswerWords(content);
    expect(parseDuration('a handful of weeks', words)).toEqual({ amount: 5, unit: 'week', days: 35 });
    expect(parseDate('since marzo', testToday, words)?.date).toMatch(/-03-01$/);
    expect(parseSingleNumber('a dozen', words)).toBe(12);
    expect(parseDuration('a handful of weeks', loadAnswerWords(defaultContentLocation.dialogsDir))).toBeUndefined();
  });

  it('refuse a file without twelve months, naming the file and the field', () => {
    const content = stored();
    const dir = mkdtempSync(join(tmpdir(), 'answer-words-'));
    try {
      writeFileSync(join(dir, answerWordsFileName), JSON.stringify({ ...content, dates: { ...content.dates, months: content.dates.months.slice(0, 11) } }));
      expect(() => loadAnswerWords(dir)).toThrow(/answerWords\.json.*dates\.months/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
