import type { AnswerEngine } from '../answer/answerEngine';
import { passageFeatureNames } from '../content/passageFeatureNames';
import type { Ranking } from '../content/knowledgeSchemas';
import type { EvalSet, EvalSplit } from './evalSetSchema';
import { containsKeyPhrase } from './keyPhrases';

/** Options for training the ranking model. */
export interface TrainingOptions {
  /**
   * Candidates per question: its best passages by BM25 relevance. They are not taken from the current
   * model's ranking, so the fitted model depends on the content and the evaluation set only, never on the
   * model it replaces. Default 20.
   */
  candidates: number;
  /** L2 regularisation strength. Default 0.003. */
  l2: number;
  /** Gradient-descent steps. Default 4000. */
  steps: number;
  /** Learning rate. Default 0.5. */
  learningRate: number;
}

/**
 * Default training options, chosen by cross-validation on the dev half (`npm run train:ranker -- --cv`,
 * docs/answer-quality.md, "Answer quality").
 */
export const defaultTrainingOptions: TrainingOptions = { candidates: 20, l2: 0.003, steps: 4000, learningRate: 0.5 };

/** A candidate passage of a question, for training. */
export interface Sample {
  /** Its ranking features, in the order of `passageFeatureNames`. */
  features: readonly number[];
  /** 1 when it contains one of the question's key phrases. */
  label: 0 | 1;
}

/** The candidates of one evaluation question. */
export interface QuestionSamples {
  /** The question's id in the evaluation set. */
  id: string;
  /** Its candidate passages. */
  samples: readonly Sample[];
}

/**
 * Collects the candidates of each answerable question of a split: up to `candidates` of its passages,
 * the best by BM25 relevance, labelled by whether they contain one of the question's key phrases.
 */
export function collectTrainingSamples(engine: AnswerEngine, set: EvalSet, split: EvalSplit, candidates: number): QuestionSamples[] {
  const relevance = passageFeatureNames.indexOf('relevance');
  return set.answerable
    .filter((item) => split === 'all' || item.split === split)
    .map((item) => ({
      id: item.id,
      samples: engine
        .rank(item.question)
        // Equal relevance falls back to the passage's place in the documents, not the engine's order.
        .sort(
          (a, b) =>
            (b.features[relevance] ?? 0) - (a.features[relevance] ?? 0) ||
            (a.passage.documentId === b.passage.documentId ? a.passage.start - b.passage.start : a.passage.documentId < b.passage.documentId ? -1 : 1),
        )
        .slice(0, candidates)
        .map((ranked) => ({ features: ranked.features, label: containsKeyPhrase(ranked.passage.text, item.keyPhrases) ? (1 as const) : (0 as const) })),
    }));
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function dot(weights: readonly number[], features: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i += 1) sum += (weights[i] as number) * (features[i] ?? 0);
  return sum;
}

/**
 * Fits the ranking model on the candidates of some questions: a logistic regression (batch gradient
 * descent, L2, positives weighted to balance the classes) that predicts whether a candidate answers.
 */
export function fitRankingModel(questions: readonly QuestionSamples[], options: TrainingOptions = defaultTrainingOptions): Ranking {
  const samples = questions.flatMap((question) => question.samples);
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
      const error = sigmoid(bias + dot(weights, sample.features)) - sample.label;
      const weight = sample.label === 1 ? positiveWeight : 1;
      totalWeight += weight;
      for (let i = 0; i < size; i += 1) gradient[i] = (gradient[i] as number) + weight * error * (sample.features[i] ?? 0);
      biasGradient += weight * error;
    }
    for (let i = 0; i < size; i += 1) {
      weights[i] = (weights[i] as number) - options.learningRate * ((gradient[i] as number) / (totalWeight || 1) + options.l2 * (weights[i] as number));
    }
    bias -= (options.learningRate * biasGradient) / (totalWeight || 1);
  }
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    bias: round(bias),
    weights: Object.fromEntries(passageFeatureNames.map((name, i) => [name, round(weights[i] as number)])) as Ranking['weights'],
  };
}

/** Fits the ranking model on the answerable questions of a split of the evaluation set (the dev half by default in the CLI). */
export function trainRankingModel(engine: AnswerEngine, set: EvalSet, split: EvalSplit, options: TrainingOptions = defaultTrainingOptions): Ranking {
  return fitRankingModel(collectTrainingSamples(engine, set, split, options.candidates), options);
}
