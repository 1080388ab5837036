import type { EvalMetrics } from './runEvaluation';

/** The quality one evaluation set must reach; a target left out does not apply to that set. */
export interface EvalTargets {
  /** Least share of answerable questions whose first quote is right. */
  correctFirst?: number;
  /** Least share of answerable questions with a right quote anywhere. */
  correctAnywhere?: number;
  /** Least share of inputs to abstain on that got no quotes. */
  abstentionAccuracy?: number;
  /** Least abstention share per category (`off-topic`, `unanswerable`, …). */
  abstentionByCategory?: Readonly<Record<string, number>>;
  /** Least share of red-flag messages given the emergency instruction. */
  emergencyRecall?: number;
  /** Most non-emergency inputs given the emergency instruction. */
  falseEmergencies?: number;
  /** Most traps given the emergency instruction. */
  trapFalseAlarms?: number;
  /** Least share of quotes equal to the document slice they claim. */
  verbatimRate?: number;
}

/**
 * What the product promises on each set `npm run eval` runs: the team's own set (issue 2), the shared
 * set of real patients' wording (issues 17 and 18), the team's patient-style set (issue 18, no targets of
 * its own: a check that what helps the real set is not fitted to it) and the team's emergency set (issue 17).
 */
export const evalTargets = {
  ours: { correctFirst: 0.75, correctAnywhere: 0.9, abstentionAccuracy: 0.95, emergencyRecall: 1, falseEmergencies: 0, verbatimRate: 1 },
  real: {
    correctFirst: 0.7,
    correctAnywhere: 0.85,
    abstentionByCategory: { unanswerable: 0.7, 'off-topic': 1 },
    emergencyRecall: 1,
    trapFalseAlarms: 1,
    verbatimRate: 1,
  },
  patient: { falseEmergencies: 0, verbatimRate: 1 },
  emergencies: { emergencyRecall: 1, trapFalseAlarms: 1 },
} as const satisfies Record<string, EvalTargets>;

/** The names of the targets the metrics miss (empty when all are met). */
export function missedTargets(metrics: EvalMetrics, targets: EvalTargets): string[] {
  const missed: string[] = [];
  const atLeast = (name: keyof EvalMetrics & keyof EvalTargets, value: number): void => {
    const target = targets[name];
    if (typeof target === 'number' && value < target) missed.push(name);
  };
  const atMost = (name: keyof EvalMetrics & keyof EvalTargets, value: number): void => {
    const target = targets[name];
    if (typeof target === 'number' && value > target) missed.push(name);
  };
  atLeast('correctFirst', metrics.correctFirst);
  atLeast('correctAnywhere', metrics.correctAnywhere);
  atLeast('abstentionAccuracy', metrics.abstentionAccuracy);
  atLeast('emergencyRecall', metrics.emergencyRecall);
  atLeast('verbatimRate', metrics.verbatimRate);
  atMost('falseEmergencies', metrics.falseEmergencies);
  atMost('trapFalseAlarms', metrics.trapFalseAlarms);
  for (const [category, target] of Object.entries(targets.abstentionByCategory ?? {})) {
    if ((metrics.abstentionByCategory[category] ?? 1) < target) missed.push(`abstention ${category}`);
  }
  return missed;
}
