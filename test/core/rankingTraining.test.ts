import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../src/core/answer/answerEngine';
import { passageFeatureNames } from '../../src/core/content/passageFeatureNames';
import { loadDialogContent } from '../../src/core/content/loadDialogContent';
import { crossValidateRanking, crossValidationFolds } from '../../src/core/evaluation/crossValidateRanking';
import { loadEvalSet } from '../../src/core/evaluation/loadEvalSet';
import { defaultTrainingOptions, fitRankingModel, trainRankingModel, type QuestionSamples } from '../../src/core/evaluation/trainRankingModel';
import { defaultContentLocation, loadAnswerEngine } from '../../src/core/loadAnswerEngine';

const root = join(__dirname, '..', '..');
const engine = loadAnswerEngine();
const set = loadEvalSet();
const dialogs = loadDialogContent(defaultContentLocation.dialogsDir);
const withRanking = (ranking: typeof engine.knowledge.ranking) => createAnswerEngine({ ...engine.knowledge, ranking }, dialogs);

/** A candidate with the given relevance and coverage (every other feature 0). */
const candidate = (relevance: number, coverage: number, label: 0 | 1) => ({
  features: passageFeatureNames.map((name) => (name === 'relevance' ? relevance : name === 'coverage' ? coverage : 0)),
  label,
});

describe('ranking model training', () => {
  it('does not depend on the model it replaces (candidates are chosen by BM25, not by the current ranking)', () => {
    const flat = withRanking({ bias: 0, weights: Object.fromEntries(passageFeatureNames.map((name) => [name, name === 'length' ? -1 : 0])) as typeof engine.knowledge.ranking.weights });
    expect(trainRankingModel(flat, set, 'dev')).toEqual(trainRankingModel(engine, set, 'dev'));
  });

  it('learns to score up what sets an answering candidate apart', () => {
    const questions: QuestionSamples[] = Array.from({ length: 4 }, (_, q) => ({
      id: `q${q}`,
      samples: [candidate(0.5, 0.9, 1), ...Array.from({ length: 5 }, (_, i) => candidate(0.2 * i, 0.1 * i, 0))],
    }));
    const model = fitRankingModel(questions);
    expect(model.weights.coverage).toBeGreaterThan(1);
    expect(model.weights.coverage).toBeGreaterThan(Math.abs(model.weights.relevance));
    expect(model.weights.list).toBe(0);
  });

  it('cross-validation holds out each dev question once per repeat, in folds that differ between repeats', () => {
    const dev = set.answerable.filter((item) => item.split === 'dev').map((item) => item.id);
    const repeats = crossValidationFolds(dev, { folds: 5, repeats: 3 });
    expect(repeats).toHaveLength(3);
    for (const folds of repeats) {
      expect(folds).toHaveLength(5);
      expect(folds.flat().sort()).toEqual([...dev].sort());
      expect(Math.max(...folds.map((fold) => fold.length)) - Math.min(...folds.map((fold) => fold.length))).toBeLessThanOrEqual(1);
    }
    expect(repeats[1]).not.toEqual(repeats[0]);
    expect(crossValidationFolds(dev, { folds: 5, repeats: 3 })).toEqual(repeats);
  });

  it('cross-validates on the dev half only, the same way every run', () => {
    const options = { folds: 2, repeats: 1 };
    const first = crossValidateRanking(engine, set, withRanking, { ...defaultTrainingOptions, steps: 200 }, options);
    const again = crossValidateRanking(engine, set, withRanking, { ...defaultTrainingOptions, steps: 200 }, options);
    expect(first.questions).toBe(set.answerable.filter((item) => item.split === 'dev').length);
    expect(first.correctAnywhere).toBeGreaterThan(0.5);
    expect(first.correctFirst).toBeLessThanOrEqual(first.correctAnywhere);
    expect(again).toEqual(first);
  });

  it('npm run train:ranker refuses bad options with a clear message', () => {
    const run = (args: string[]) =>
      spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'cli', 'trainRanker.ts'), ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
      });
    expect(run(['--l2', 'x']).stderr).toContain('--l2 must be a number from 0 to 10 (got "x")');
    expect(run(['--candidates', '2.5']).stderr).toContain('--candidates must be a whole number from 1 to 1000 (got "2.5")');
    expect(run(['--wirte']).stderr).toContain('unknown argument "--wirte" (options: --write, --check, --cv, --split, --candidates, --l2, --repeats)');
    expect(run(['--cv', '--write']).stderr).toContain('--cv fits no model to write and always uses the dev half');
    expect(run(['--repeats', '3']).stderr).toContain('--repeats only applies to --cv');
    expect(run(['--check', '--write']).stderr).toContain('--check compares the committed model with a fresh fit');
    const test = run(['--split', 'test']);
    expect(test.status).toBe(2);
    expect(test.stderr).toContain('the test half stays held out');
  });
});
