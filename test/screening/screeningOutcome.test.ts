/**
 * The outcome rules and the branching of the real definition, and the FHIR R4 QuestionnaireResponse
 * built from a completed screening (plain functions, no dialog).
 */
import { describe, expect, it } from 'vitest';
import { buildQuestionnaireResponse, dataAbsentReasonSystem, outcomeExtensionUrl } from '../../src/core/screening/questionnaireResponse';
import { evaluateScreening, nextStep } from '../../src/core/screening/screeningFlow';
import { goBack, recordAnswer, startProgress } from '../../src/core/screening/screeningProgress';
import type { AnsweredQuestion, ScreeningAnswer } from '../../src/core/screening/screeningTypes';
import { screening, testToday } from './screeningTestKit';

const yes: ScreeningAnswer = { kind: 'yes-no', value: 'yes' };
const no: ScreeningAnswer = { kind: 'yes-no', value: 'no' };
const weeks = (amount: number): ScreeningAnswer => ({ kind: 'duration', amount, unit: 'week', days: amount * 7 });

function answers(overrides: Record<string, ScreeningAnswer | null> = {}): AnsweredQuestion[] {
  const base: Record<string, ScreeningAnswer> = {
    'red-flags': no,
    imaging: yes,
    cause: { kind: 'choice', value: 'osteoporosis' },
    'fracture-age': weeks(4),
    'pain-despite-treatment': yes,
    'pain-score': { kind: 'number', value: 8 },
    'height-loss': no,
    'blood-thinners': no,
  };
  return Object.entries({ ...base, ...overrides }).flatMap(([questionId, answer]) => (answer ? [{ questionId, answer }] : []));
}

describe('outcome rules', () => {
  it.each<[string, Record<string, ScreeningAnswer | null>, string, string[], string[]]>([
    ['all criteria met', {}, 'candidate', ['imaging-confirmed', 'cause-osteoporosis', 'recent-fracture', 'pain-not-relieved'], []],
    ['exactly eight weeks is still within every window', { 'fracture-age': weeks(8) }, 'candidate', ['imaging-confirmed', 'cause-osteoporosis', 'recent-fracture', 'pain-not-relieved'], []],
    ['a fracture from cancer: a candidate, with a note on complications', { cause: { kind: 'choice', value: 'cancer' } }, 'candidate', ['imaging-confirmed', 'cause-cancer', 'recent-fracture', 'pain-not-relieved'], ['cancer-complications']],
    ['blood thinners are a note, never an exclusion', { 'blood-thinners': yes }, 'candidate', ['imaging-confirmed', 'cause-osteoporosis', 'recent-fracture', 'pain-not-relieved'], ['blood-thinners-preparation']],
    ['nine weeks: the documents disagree', { 'fracture-age': weeks(9) }, 'needs-review', ['treatment-window-disputed'], []],
    ['a year: older than every window', { 'fracture-age': weeks(52) }, 'not-suitable', ['old-fracture'], []],
    ['pain that responds to treatment', { 'pain-despite-treatment': no, 'pain-score': null }, 'not-suitable', ['pain-relieved'], []],
    ['a low pain score', { 'pain-score': { kind: 'number', value: 3 } }, 'needs-review', ['pain-score-low'], []],
    ['needs-review wins over not-suitable, and both reasons are shown', { 'fracture-age': { kind: 'unsure' }, 'pain-despite-treatment': no, 'pain-score': null }, 'needs-review', ['fracture-age-unknown', 'pain-relieved'], []],
    ['a question left open counts as not sure', { imaging: { kind: 'unanswered' } }, 'needs-review', ['imaging-missing'], []],
  ])('%s', (_name, overrides, outcome, reasons, notes) => {
    const evaluation = evaluateScreening(screening, answers(overrides));
    expect(evaluation.outcome).toBe(outcome);
    expect(evaluation.reasons.map((rule) => rule.ruleId)).toEqual(reasons);
    expect(evaluation.notes.map((rule) => rule.ruleId)).toEqual(notes);
    for (const rule of [...evaluation.reasons, ...evaluation.notes]) expect(rule.quotes.length).toBeGreaterThan(0);
  });
});

describe('branching and going back', () => {
  it('skips the pain score when the pain responds to treatment, and ends after "no scan"', () => {
    expect(nextStep(screening, 'pain-despite-treatment', answers({ 'pain-despite-treatment': no }))).toEqual({ kind: 'question', questionId: 'height-loss' });
    expect(nextStep(screening, 'pain-despite-treatment', answers())).toEqual({ kind: 'question', questionId: 'pain-score' });
    expect(nextStep(screening, 'imaging', [{ questionId: 'red-flags', answer: no }, { questionId: 'imaging', answer: no }])).toEqual({ kind: 'summary' });
    expect(nextStep(screening, 'blood-thinners', answers())).toEqual({ kind: 'summary' });
  });

  it('records answers in order and forgets the last one on back', () => {
    const start = startProgress(screening);
    if (!start) throw new Error('no first question');
    const first = recordAnswer(screening, start, no);
    const second = recordAnswer(screening, first.progress, { kind: 'unsure' });
    expect(second.progress.current).toBe('cause');
    expect(second.progress.answered.map((item) => item.questionId)).toEqual(['red-flags', 'imaging']);
    const back = goBack(second.progress);
    expect(back).toMatchObject({ current: 'imaging', answered: [{ questionId: 'red-flags', answer: no }] });
    expect(goBack(start)).toBeUndefined();
    // Progress is plain JSON: it survives being written to storage and read back.
    expect(JSON.parse(JSON.stringify(second.progress))).toEqual(second.progress);
  });
});

describe('the FHIR R4 QuestionnaireResponse', () => {
  it('has one item per question asked, with typed answers, and the outcome as an extension', () => {
    const answered = answers({ cause: { kind: 'unsure' }, 'fracture-age': { kind: 'duration', amount: 8, unit: 'week', days: 55, comparator: '<' }, 'height-loss': { kind: 'unanswered' } });
    const evaluation = evaluateScreening(screening, answered);
    const response = buildQuestionnaireResponse(screening, answered, evaluation, { authored: testToday, id: 'qr-1' });
    expect(response).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      id: 'qr-1',
      status: 'completed',
      questionnaire: `${screening.questionnaireUrl}|${screening.version}`,
      authored: '2026-05-20T12:00:00.000Z',
    });
    expect(response.extension).toContainEqual({ url: outcomeExtensionUrl, valueCode: 'needs-review' });
    const byLinkId = Object.fromEntries(response.item.map((item) => [item.linkId, item]));
    expect(Object.keys(byLinkId)).toEqual(answered.map((item) => item.questionId));
    expect(byLinkId['imaging']?.answer).toEqual([{ valueBoolean: true }]);
    expect(byLinkId['imaging']?.text).toBe(screening.questions[1]?.text);
    expect(byLinkId['cause']?.answer).toEqual([{ valueCoding: { system: dataAbsentReasonSystem, code: 'asked-unknown', display: 'Asked But Unknown' } }]);
    expect(byLinkId['fracture-age']?.answer).toEqual([{ valueQuantity: { value: 8, comparator: '<', unit: 'weeks', system: 'http://unitsofmeasure.org', code: 'wk' } }]);
    expect(byLinkId['pain-score']?.answer).toEqual([{ valueInteger: 8 }]);
    expect(byLinkId['height-loss']).toEqual({ linkId: 'height-loss', text: screening.questions[6]?.text });
    const choice = buildQuestionnaireResponse(screening, answers(), evaluateScreening(screening, answers()), { authored: testToday });
    expect(choice.item.find((item) => item.linkId === 'cause')?.answer).toEqual([
      { valueCoding: { system: `${screening.questionnaireUrl}#cause`, code: 'osteoporosis', display: 'Osteoporosis (thin bones)' } },
    ]);
  });
});
