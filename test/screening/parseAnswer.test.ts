/**
 * Free-text answers to the real questions (table-driven): yes/no in many words, "not sure", choices by
 * their synonyms, pain scores, and times given as durations or dates (counted from a fixed day).
 */
import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/core/screening/parseAnswer';
import { parseDate, parseDuration } from '../../src/core/screening/parseTime';
import type { ScreeningAnswer } from '../../src/core/screening/screeningTypes';
import { screening, testToday } from './screeningTestKit';

function answer(questionId: string, text: string): ScreeningAnswer | undefined {
  const question = screening.questions.find((candidate) => candidate.id === questionId);
  if (!question) throw new Error(`no question ${questionId}`);
  return parseAnswer(question, text, { vocabulary: screening.vocabulary, now: testToday });
}

const yes: ScreeningAnswer = { kind: 'yes-no', value: 'yes' };
const no: ScreeningAnswer = { kind: 'yes-no', value: 'no' };
const unsure: ScreeningAnswer = { kind: 'unsure' };

describe('yes/no questions', () => {
  it.each<[string, string, ScreeningAnswer | undefined]>([
    ['imaging', 'yes', yes],
    ['imaging', 'Yeah!', yes],
    ['imaging', 'yep, an MRI', yes],
    ['imaging', 'Yes I have', yes],
    ['imaging', 'I think so', yes],
    ['blood-thinners', "I'm on warfarin", yes],
    ['imaging', 'no', no],
    ['imaging', 'Nope.', no],
    ['imaging', 'I have not', no],
    ['imaging', 'never had one', no],
    ['imaging', "I don't think so", no],
    ['red-flags', 'none of these', no],
    ['imaging', 'not sure', unsure],
    ['imaging', "I don't know", unsure],
    ['imaging', 'no idea', unsure],
    ['imaging', 'maybe', unsure],
    // "Not sure" is never read as "no" (or, as botbuilder's boolean recognizer does, as "yes").
    ['red-flags', 'not sure', undefined],
    ['imaging', 'purple', undefined],
    ['imaging', '', undefined],
  ])('%s: "%s"', (questionId, text, expected) => {
    expect(answer(questionId, text)).toEqual(expected);
  });
});

describe('the cause (a choice)', () => {
  it.each<[string, ScreeningAnswer | undefined]>([
    ['Osteoporosis (thin bones)', { kind: 'choice', value: 'osteoporosis' }],
    ['osteoporosis', { kind: 'choice', value: 'osteoporosis' }],
    ['brittle bones', { kind: 'choice', value: 'osteoporosis' }],
    ['it was a tumor', { kind: 'choice', value: 'cancer' }],
    ['bone metastases', { kind: 'choice', value: 'cancer' }],
    ['I fell off a ladder', { kind: 'choice', value: 'injury' }],
    ['car accident', { kind: 'choice', value: 'injury' }],
    ['not sure', unsure],
    ["don't know, maybe a fall", { kind: 'choice', value: 'injury' }],
    ['osteoporosis and then a fall', undefined],
    ['a dragon', undefined],
  ])('"%s"', (text, expected) => {
    expect(answer('cause', text)).toEqual(expected);
  });
});

describe('the pain score (a number from 0 to 10)', () => {
  it.each<[string, ScreeningAnswer | undefined]>([
    ['7', { kind: 'number', value: 7 }],
    ['about 7', { kind: 'number', value: 7 }],
    ['7/10', { kind: 'number', value: 7 }],
    ['7 out of 10', { kind: 'number', value: 7 }],
    ['seven', { kind: 'number', value: 7 }],
    ['10', { kind: 'number', value: 10 }],
    ['0', { kind: 'number', value: 0 }],
    ['11', undefined],
    ['6 or 7', undefined],
    ['7.5', undefined],
    ['not sure', unsure],
  ])('"%s"', (text, expected) => {
    expect(answer('pain-score', text)).toEqual(expected);
  });
});

describe('the time since the fracture (a duration, or a date counted from 2026-05-20)', () => {
  it.each<[string, Partial<ScreeningAnswer> | undefined]>([
    ['3 weeks ago', { kind: 'duration', amount: 3, unit: 'week', days: 21 }],
    ['3wks', { kind: 'duration', amount: 3, unit: 'week', days: 21 }],
    ['about two months', { kind: 'duration', amount: 2, unit: 'month', days: 60 }],
    ['a year and a half ago', { kind: 'duration', amount: 1.5, unit: 'year', days: 548 }],
    ['a couple of weeks', { kind: 'duration', amount: 2, unit: 'week', days: 14 }],
    ['2-3 weeks', { kind: 'duration', amount: 3, unit: 'week', days: 21 }],
    ['yesterday', { kind: 'duration', amount: 1, unit: 'day', days: 1 }],
    ['last week', { kind: 'duration', amount: 1, unit: 'week', days: 7 }],
    ['1 year and 2 months', { kind: 'duration', unit: 'year', days: 425 }],
    ['Less than 8 weeks', { kind: 'duration', amount: 8, unit: 'week', days: 55, comparator: '<' }],
    ['More than 8 months', { kind: 'duration', amount: 8, unit: 'month', days: 241, comparator: '>' }],
    ['in March', { kind: 'duration', days: 80, since: '2026-03-01' }],
    ['15 March 2026', { kind: 'duration', days: 66, since: '2026-03-15' }],
    ['on June 2nd', { kind: 'duration', days: 352, since: '2025-06-02' }],
    ['2026-05-01', { kind: 'duration', days: 19, since: '2026-05-01' }],
    ['not sure, about 3 weeks', { kind: 'duration', days: 21 }],
    ['not sure', unsure],
    ['and', undefined],
    ['recently', undefined],
    ['1 January 2027', undefined],
  ])('"%s"', (text, expected) => {
    const parsed = answer('fracture-age', text);
    if (expected === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toMatchObject(expected);
  });

  it('reads dates and durations without the clock', () => {
    expect(parseDate('in December', testToday, screening.vocabulary.words)).toEqual({ date: '2025-12-01', days: 170 });
    expect(parseDate('31 February 2026', testToday, screening.vocabulary.words)).toBeUndefined();
    expect(parseDuration('for 6 months', screening.vocabulary.words)).toEqual({ amount: 6, unit: 'month', days: 180 });
  });
});
