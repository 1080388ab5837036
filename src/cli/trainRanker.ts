/**
 * `npm run train:ranker [-- --split dev|all] [--write|--check] [--cv [--repeats N]] [--candidates N] [--l2 X]`:
 * fits the ranking model on the evaluation set's dev half (by default) and prints it; with --write,
 * stores it in knowledge/ranking.json; with --check (`npm run check:ranking`), prints nothing but fails
 * when knowledge/ranking.json is not the model it fits, saying to retrain (a content edit changes the fit). With --cv it fits nothing and prints how the training options do
 * under cross-validation on the dev half instead (5 folds, `--repeats` different splits into folds,
 * default 10), for choosing them without looking at the test half. Run `npm run eval -- --split test`
 * afterwards to see how the model does on questions it was not fitted on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createAnswerEngine } from '../core/answer/answerEngine';
import { loadDialogContent } from '../core/content/loadDialogContent';
import { crossValidateRanking, defaultCrossValidationOptions } from '../core/evaluation/crossValidateRanking';
import { loadEvalSet } from '../core/evaluation/loadEvalSet';
import { defaultTrainingOptions, trainRankingModel, type TrainingOptions } from '../core/evaluation/trainRankingModel';
import { defaultContentLocation, loadAnswerEngine } from '../core/loadAnswerEngine';

const args = process.argv.slice(2);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const valueFlags = ['--split', '--candidates', '--l2', '--repeats'];
const switches = ['--write', '--check', '--cv'];
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i] as string;
  if (valueFlags.includes(arg)) i += 1;
  else if (!switches.includes(arg)) fail(`unknown argument "${arg}" (options: ${[...switches, ...valueFlags].join(', ')})`);
}

/** The value after a flag as a number in [min, max], or the fallback without the flag. */
function numberFlag(flag: string, min: number, max: number, fallback: number, whole = false): number {
  const at = args.indexOf(flag);
  if (at < 0) return fallback;
  const text = args[at + 1] ?? '';
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
    fail(`${flag} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${text}")`);
  }
  return value;
}

if (args.includes('--cv') && (args.includes('--write') || args.includes('--split'))) fail('--cv fits no model to write and always uses the dev half: use it without --write and --split');
if (args.includes('--check') && (args.includes('--write') || args.includes('--cv'))) fail('--check compares the committed model with a fresh fit: use it without --write and --cv');
if (args.includes('--repeats') && !args.includes('--cv')) fail('--repeats only applies to --cv');
const split = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'dev';
if (split !== 'dev' && split !== 'all') fail('--split must be dev or all: the test half stays held out');
const training: TrainingOptions = {
  ...defaultTrainingOptions,
  candidates: numberFlag('--candidates', 1, 1000, defaultTrainingOptions.candidates, true),
  l2: numberFlag('--l2', 0, 10, defaultTrainingOptions.l2),
};
const engine = loadAnswerEngine();
const set = loadEvalSet();

if (args.includes('--cv')) {
  const dialogs = loadDialogContent(defaultContentLocation.dialogsDir);
  const repeats = numberFlag('--repeats', 1, 100, defaultCrossValidationOptions.repeats, true);
  const result = crossValidateRanking(engine, set, (ranking) => createAnswerEngine({ ...engine.knowledge, ranking }, dialogs), training, {
    ...defaultCrossValidationOptions,
    repeats,
  });
  const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
  console.log(`candidates ${training.candidates}, l2 ${training.l2}`);
  console.log(`cross-validated on the dev half (${result.questions} held-out answers): first ${pct(result.correctFirst)}, anywhere ${pct(result.correctAnywhere)}`);
} else {
  const model = trainRankingModel(engine, set, split, training);
  const file = join(defaultContentLocation.knowledgeDir, 'ranking.json');
  const { $comment: comment, ...committed } = JSON.parse(readFileSync(file, 'utf8')) as { $comment?: string };
  if (args.includes('--check')) {
    if (!isDeepStrictEqual(committed, model)) {
      console.error(`${file} is not the model a fresh training run fits on the current content and evaluation set: run npm run train:ranker -- --write, then npm run eval, and commit the new ranking.json`);
      process.exit(1);
    }
    console.log('knowledge/ranking.json is what npm run train:ranker -- --write gives');
    process.exit(0);
  }
  console.log(JSON.stringify(model, null, 2));
  if (args.includes('--write')) {
    writeFileSync(file, `${JSON.stringify({ $comment: comment, ...model }, null, 2)}\n`);
    console.log(`written to ${file}`);
  }
}
