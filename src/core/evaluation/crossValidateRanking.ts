import type { AnswerEngine } from '../answer/answerEngine';
import type { Ranking } from '../content/knowledgeSchemas';
import type { EvalSet } from './evalSetSchema';
import { judgeQuotes } from './keyPhrases';
import { collectTrainingSamples, fitRankingModel, type QuestionSamples, type TrainingOptions } from './trainRankingModel';

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

/** A well-mixed 32-bit hash of a string (FNV-1a, then murmur3's finaliser so similar ids land far apart). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The folds of each repeat: the ids in a fixed order drawn from a hash of the repeat and the id (no
 * random numbers, so every run is the same), dealt round-robin into `folds` folds.
 */
export function crossValidationFolds(ids: readonly string[], options: CrossValidationOptions): string[][][] {
  return Array.from({ length: options.repeats }, (_, repeat) => {
    const order = ids.map((id) => ({ id, key: hash(`${repeat}:${id}`) })).sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : 1));
    return Array.from({ length: options.folds }, (_, fold) => order.filter((_, i) => i % options.folds === fold).map((entry) => entry.id));
  });
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
  const byId = new Map(dev.map((item) => [item.id, item]));
  let first = 0;
  let anywhere = 0;
  for (const folds of crossValidationFolds([...byId.keys()], options)) {
    for (const heldOutIds of folds) {
      const heldOut = heldOutIds.map((id) => byId.get(id) as (typeof dev)[number]);
      const fitted = folds.filter((fold) => fold !== heldOutIds).flatMap((fold) => fold.map((id) => samples.get(id) as QuestionSamples));
      const foldEngine = withRanking(fitRankingModel(fitted, training));
      for (const item of heldOut) {
        const judged = judgeQuotes(foldEngine.answer(item.question).quotes, item.keyPhrases);
        if (judged.first) first += 1;
        if (judged.anywhere) anywhere += 1;
      }
    }
  }
  const questions = dev.length * options.repeats;
  return { questions, correctFirst: questions === 0 ? 0 : first / questions, correctAnywhere: questions === 0 ? 0 : anywhere / questions };
}
