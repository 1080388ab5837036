import type { AnswerEngine } from '../answer/answerEngine';
import { passageFeatureNames } from '../answer/passageFeatures';
import type { Ranking } from '../content/knowledgeSchemas';
import type { EvalSet, EvalSplit } from './evalSetSchema';

/** Options for training the ranking model. */
export interface TrainingOptions {
  /** Candidates per question taken from the current ranking. Default 30. */
  candidates: number;
  /** L2 regularisation strength. Default 0.01. */
  l2: number;
  /** Gradient-descent steps. Default 4000. */
  steps: number;
  /** Learning rate. Default 0.5. */
  learningRate: number;
}

/** Default training options. */
export const defaultTrainingOptions: TrainingOptions = { candidates: 30, l2: 0.01, steps: 4000, learningRate: 0.5 };

interface Sample {
  features: number[];
  label: 0 | 1;
}

const fold = (text: string): string => text.replace(/\s+/g, ' ').toLowerCase();

/** Collects (features, answers-the-question) samples from the engine's current candidates. */
function collectSamples(engine: AnswerEngine, set: EvalSet, split: EvalSplit, candidates: number): Sample[] {
  return set.answerable
    .filter((item) => split === 'all' || item.split === split)
    .flatMap((item) =>
      engine
        .rank(item.question)
        .slice(0, candidates)
        .map((ranked) => ({
          features: ranked.features,
          label: item.keyPhrases.some((phrase) => fold(ranked.passage.text).includes(fold(phrase))) ? (1 as const) : (0 as const),
        })),
    );
}

/**
 * Fits a logistic regression (batch gradient descent, L2, positives weighted to balance the classes)
 * that predicts whether a candidate passage answers the question, from the passage features.
 */
export function trainRankingModel(engine: AnswerEngine, set: EvalSet, split: EvalSplit, options: TrainingOptions = defaultTrainingOptions): Ranking {
  const samples = collectSamples(engine, set, split, options.candidates);
  const positives = samples.filter((sample) => sample.label === 1).length;
  const positiveWeight = positives > 0 ? (samples.length - positives) / positives : 1;
  const size = passageFeatureNames.length;
  const weights = new Array<number>(size).fill(0);
  let bias = 0;
  for (let step = 0; step < options.steps; step += 1) {
    const gradient = new Array<number>(size).fill(0);
    let biasGradient = 0;
    let totalWeight = 0;
    for (const sample of samples) {
      const logit = sample.features.reduce((sum, value, i) => sum + value * (weights[i] ?? 0), bias);
      const error = 1 / (1 + Math.exp(-logit)) - sample.label;
      const weight = sample.label === 1 ? positiveWeight : 1;
      totalWeight += weight;
      sample.features.forEach((value, i) => (gradient[i] = (gradient[i] ?? 0) + weight * error * value));
      biasGradient += weight * error;
    }
    for (let i = 0; i < size; i += 1) weights[i] = (weights[i] ?? 0) - options.learningRate * ((gradient[i] ?? 0) / totalWeight + options.l2 * (weights[i] ?? 0));
    bias -= (options.learningRate * biasGradient) / totalWeight;
  }
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    bias: round(bias),
    weights: Object.fromEntries(passageFeatureNames.map((name, i) => [name, round(weights[i] ?? 0)])) as Ranking['weights'],
  };
}
