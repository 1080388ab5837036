/**
 * `npm run train:ranker [-- --split dev|all] [--write]`: fits the ranking model on the evaluation set's
 * dev half (by default) and prints it; with --write, stores it in knowledge/ranking.json. Run
 * `npm run eval -- --split test` afterwards to see how it does on questions it was not fitted on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultContentLocation, loadAnswerEngine } from '../core/loadAnswerEngine';
import { loadEvalSet } from '../core/evaluation/loadEvalSet';
import { trainRankingModel } from '../core/evaluation/trainRankingModel';

const args = process.argv.slice(2);
const split = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'dev';
if (split !== 'dev' && split !== 'all') {
  console.error('--split must be dev or all: the test half stays held out');
  process.exit(2);
}
const model = trainRankingModel(loadAnswerEngine(), loadEvalSet(), split);
console.log(JSON.stringify(model, null, 2));
if (args.includes('--write')) {
  const file = join(defaultContentLocation.knowledgeDir, 'ranking.json');
  const current = JSON.parse(readFileSync(file, 'utf8')) as { $comment?: string };
  writeFileSync(file, `${JSON.stringify({ $comment: current.$comment, ...model }, null, 2)}\n`);
  console.log(`written to ${file}`);
}
