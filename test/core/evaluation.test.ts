import { describe, expect, it } from 'vitest';
import { defaultEmergencySetFile, defaultPatientStyleFile, loadEvalSet, loadRealSet } from '../../src/core/evaluation/loadEvalSet';
import { runEvaluation } from '../../src/core/evaluation/runEvaluation';
import { containsKeyPhrase, judgeQuotes } from '../../src/core/evaluation/keyPhrases';
import { loadAnswerEngine } from '../../src/core/loadAnswerEngine';

/**
 * Floors on the evaluation numbers (`npm run eval`): a change that makes answers worse fails CI. Raise a
 * floor when the numbers improve; README "Answer quality" has the current figures and the targets.
 */
const floors = {
  correctFirst: 0.85,
  correctAnywhere: 0.95,
  abstentionAccuracy: 0.95,
  emergencyRecall: 1,
  verbatimRate: 1,
  /** Over the answerable questions no clinic-written question nearly repeats (src/core/evaluation/nearCopies.ts). */
  correctFirstWithoutNearCopies: 0.84,
  correctAnywhereWithoutNearCopies: 0.94,
};

describe('evaluation set', () => {
  const set = loadEvalSet();
  const report = runEvaluation(loadAnswerEngine(), set);

  it('has the size the issue asks for', () => {
    expect(set.answerable.length).toBeGreaterThanOrEqual(80);
    expect(set.abstain.length).toBeGreaterThanOrEqual(25);
    expect(set.redFlags.length).toBeGreaterThanOrEqual(10);
  });

  it('names key phrases that are verbatim in the documents', () => {
    const texts = loadAnswerEngine().knowledge.documents.map((doc) => doc.text);
    const missing = set.answerable.flatMap((item) => item.keyPhrases.filter((phrase) => !texts.some((text) => text.includes(phrase))));
    expect(missing).toEqual([]);
  });

  it('stays above the quality floors', () => {
    const { metrics } = report;
    expect(metrics.correctFirst).toBeGreaterThanOrEqual(floors.correctFirst);
    expect(metrics.correctAnywhere).toBeGreaterThanOrEqual(floors.correctAnywhere);
    expect(metrics.abstentionAccuracy).toBeGreaterThanOrEqual(floors.abstentionAccuracy);
    expect(metrics.emergencyRecall).toBe(floors.emergencyRecall);
    expect(metrics.falseEmergencies).toBe(0);
    expect(metrics.verbatimRate).toBe(floors.verbatimRate);
  });

  it('stays above the floors on questions the clinic-written questions do not nearly repeat', () => {
    const { metrics } = report;
    expect(metrics.nearCopies).toBeGreaterThan(0);
    expect(metrics.nearCopies).toBeLessThan(metrics.answerable / 4);
    expect(metrics.correctFirstWithoutNearCopies).toBeGreaterThanOrEqual(floors.correctFirstWithoutNearCopies);
    expect(metrics.correctAnywhereWithoutNearCopies).toBeGreaterThanOrEqual(floors.correctAnywhereWithoutNearCopies);
  });
});

/**
 * Floors on the shared set of real patients' wording (issue 18) and on the team's patient-style set
 * (written before tuning for issue 18, as a check that what helps the real set is not fitted to it).
 */
const otherFloors = {
  real: { correctFirst: 0.3, correctAnywhere: 0.46, unanswerable: 0.88, offTopic: 1 },
  /** Over both halves (the test half was held out until the end of issue 18: README "Answer quality"). */
  patient: { correctFirst: 0.68, correctAnywhere: 0.84, abstentionAccuracy: 0.7 },
};

describe('real wording and patient-style sets', () => {
  const engine = loadAnswerEngine();
  const texts = engine.knowledge.documents.map((doc) => doc.text);

  it('names key phrases that are verbatim in the documents (patient-style set)', () => {
    const set = loadEvalSet(defaultPatientStyleFile);
    expect(set.answerable.length).toBeGreaterThanOrEqual(40);
    const missing = set.answerable.flatMap((item) => item.keyPhrases.filter((phrase) => !texts.some((text) => text.includes(phrase))));
    expect(missing).toEqual([]);
  });

  it('never leaves out of an answer a right passage the ranking had in its top 3', () => {
    const dropped = [loadEvalSet(), loadRealSet(), loadEvalSet(defaultPatientStyleFile)].flatMap((set) =>
      set.answerable.filter((item) => {
        const result = engine.answer(item.question);
        const top3 = engine.rank(item.question).slice(0, 3).some((ranked) => containsKeyPhrase(ranked.passage.text, item.keyPhrases));
        return result.outcome === 'answer' && top3 && !judgeQuotes(result.quotes, item.keyPhrases).anywhere;
      }).map((item) => item.id),
    );
    expect(dropped).toEqual([]);
  });

  it('stays above the floors on the real set', () => {
    const { metrics } = runEvaluation(engine, loadRealSet());
    expect(metrics.correctFirst).toBeGreaterThanOrEqual(otherFloors.real.correctFirst);
    expect(metrics.correctAnywhere).toBeGreaterThanOrEqual(otherFloors.real.correctAnywhere);
    expect(metrics.abstentionByCategory.unanswerable).toBeGreaterThanOrEqual(otherFloors.real.unanswerable);
    expect(metrics.abstentionByCategory['off-topic']).toBeGreaterThanOrEqual(otherFloors.real.offTopic);
    expect(metrics.verbatimRate).toBe(1);
  });

  it('stays above the floors on the patient-style set', () => {
    const { metrics } = runEvaluation(engine, loadEvalSet(defaultPatientStyleFile));
    expect(metrics.correctFirst).toBeGreaterThanOrEqual(otherFloors.patient.correctFirst);
    expect(metrics.correctAnywhere).toBeGreaterThanOrEqual(otherFloors.patient.correctAnywhere);
    expect(metrics.abstentionAccuracy).toBeGreaterThanOrEqual(otherFloors.patient.abstentionAccuracy);
    expect(metrics.falseEmergencies).toBe(0);
    expect(metrics.verbatimRate).toBe(1);
  });
});

/**
 * Emergencies (issue 17): every red-flag message of the shared set of real wording and of our own
 * emergency set gets the emergency instruction, with at most one false alarm on the traps of each.
 */
describe('emergencies as people type them', () => {
  const engine = loadAnswerEngine();
  const emergencySet = loadEvalSet(defaultEmergencySetFile);

  it('has the size the issue asks for: 60 emergencies over every rule, 40 traps', () => {
    expect(emergencySet.redFlags.length).toBeGreaterThanOrEqual(60);
    expect(emergencySet.traps.length).toBeGreaterThanOrEqual(40);
    const rules = new Set(emergencySet.redFlags.map((item) => item.rule));
    expect([...new Set(engine.knowledge.redFlags.rules.map((rule) => rule.id))].filter((id) => !rules.has(id))).toEqual([]);
  });

  it.each([
    ['the shared set of real wording', () => runEvaluation(engine, loadRealSet()).metrics],
    ['our emergency set', () => runEvaluation(engine, emergencySet).metrics],
  ])('catches every emergency of %s, with at most one false alarm', (_name, metrics) => {
    const { emergencyRecall, trapFalseAlarms, redFlags, traps } = metrics();
    expect(redFlags).toBeGreaterThan(0);
    expect(traps).toBeGreaterThan(0);
    expect(emergencyRecall).toBe(1);
    expect(trapFalseAlarms).toBeLessThanOrEqual(1);
  });
});
