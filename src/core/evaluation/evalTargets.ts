import type { EvalMetrics } from './runEvaluation';

/** The quality the product promises (issue 2); `npm run eval` compares against these. */
export const evalTargets = {
  correctFirst: 0.75,
  correctAnywhere: 0.9,
  abstentionAccuracy: 0.95,
  emergencyRecall: 1,
  falseEmergencies: 0,
  verbatimRate: 1,
} as const;

/** Whether every target is met. */
export function meetsTargets(metrics: EvalMetrics): boolean {
  return (
    metrics.correctFirst >= evalTargets.correctFirst &&
    metrics.correctAnywhere >= evalTargets.correctAnywhere &&
    metrics.abstentionAccuracy >= evalTargets.abstentionAccuracy &&
    metrics.emergencyRecall >= evalTargets.emergencyRecall &&
    metrics.falseEmergencies <= evalTargets.falseEmergencies &&
    metrics.verbatimRate >= evalTargets.verbatimRate
  );
}
