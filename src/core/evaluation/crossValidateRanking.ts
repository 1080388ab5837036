import type { AnswerEngine } from '../answer/answerEngine';
import type { Ranking } from '../content/knowledgeSchemas';
import type { EvalSet } from './evalSetSchema';
import { runEvaluation } from './runEvaluation';
import { collectTrainingSamples, fitRankingModel, type TrainingOptions } from './trainRankingModel';

/** How a choice of training options does on questions its model was not fitted on. */
export interface CrossValidation {
  /** Held-out answers counted: the dev questions times the repeats. */
  questions: number;
  /** Share of held-out questions whose first quote is correct. */
  correctFirst: number;
  /** Share of held-out questions with a correct quote anywhere. */
  correctAnywhere: number;
}

/** How the folds are drawn. */
export interface CrossValidationOptions {
  /** Folds per repeat: each fold's questions are answered by a model fitted on the others. Default 5. */
  folds: number;
  /** Repeats, each with a different split into folds (fewer leave the figures noisy: a dev question is ~2% of a fold's answers). Default 10. */
  repeats: number;
}

/** Default cross-validation: 5 folds, 10 repeats. */
export const defaultCrossValidationOptions: CrossValidationOptions = { folds: 5, repeats: 10 };

/** FNV-1a: a fixed, well-mixed order of the questions for each repeat, with no random numbers. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * Cross-validates training options on the dev half of the evaluation set: in each repeat the dev
 * questions are split into folds, and each fold is answered by an engine (`withRanking`) whose model was
 * fitted on the other folds. The test half is never used, so options can be chosen on this without
 * looking at it.
 */
export function crossValidateRanking(
  engine: AnswerEngine,
  set: EvalSet,
  withRanking: (ranking: Ranking) => AnswerEngine,
  training: TrainingOptions,
  options: CrossValidationOptions = defaultCrossValidationOptions,
): CrossValidation {
  const dev = set.answerable.filter((item) => item.split === 'dev');
  const samples = new Map(collectTrainingSamples(engine, set, 'dev', training.candidates).map((question) => [question.id, question]));
  let first = 0;
  let anywhere = 0;
  for (let repeat = 0; repeat < options.repeats; repeat += 1) {
    const order = [...dev].sort((a, b) => fnv1a(`${repeat}:${a.id}`) - fnv1a(`${repeat}:${b.id}`));
    for (let foldIndex = 0; foldIndex < options.folds; foldIndex += 1) {
      const heldOut = order.filter((_, i) => i % options.folds === foldIndex);
      const fitted = order.filter((_, i) => i % options.folds !== foldIndex).flatMap((item) => samples.get(item.id) ?? []);
      const foldEngine = withRanking(fitRankingModel(fitted, training));
      const { metrics } = runEvaluation(foldEngine, { answerable: heldOut, abstain: [], redFlags: [] });
      first += Math.round(metrics.correctFirst * heldOut.length);
      anywhere += Math.round(metrics.correctAnywhere * heldOut.length);
    }
  }
  const questions = dev.length * options.repeats;
  return { questions, correctFirst: questions === 0 ? 0 : first / questions, correctAnywhere: questions === 0 ? 0 : anywhere / questions };
}
