import { describe, expect, it } from 'vitest';
import { loadEmergencySet, loadEvalSet, loadRealSet } from '../../src/core/evaluation/loadEvalSet';
import { runEvaluation } from '../../src/core/evaluation/runEvaluation';
import { loadAnswerEngine } from '../../src/core/loadAnswerEngine';

/**
 * Floors on the evaluation numbers (`npm run eval`): a change that makes answers worse fails CI. Raise a
 * floor when the numbers improve; README "Answer quality" has the current figures and the targets.
 */
const floors = {
  correctFirst: 0.82,
  correctAnywhere: 0.9,
  abstentionAccuracy: 0.95,
  emergencyRecall: 1,
  verbatimRate: 1,
  /** Over the answerable questions no clinic-written question nearly repeats (src/core/evaluation/nearCopies.ts). */
  correctFirstWithoutNearCopies: 0.79,
  correctAnywhereWithoutNearCopies: 0.89,
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
 * Emergencies (issue 17): every red-flag message of the shared set of real wording and of our own
 * emergency set gets the emergency instruction, with at most one false alarm on the traps of each.
 */
describe('emergencies as people type them', () => {
  const engine = loadAnswerEngine();
  const emergencySet = loadEmergencySet();

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
