/**
 * `npm run eval [-- --split dev|test|all] [--misses] [--json]`: runs the evaluation set through the
 * answer engine and prints the quality numbers next to their targets.
 */
import { loadAnswerEngine } from '../core/loadAnswerEngine';
import { loadEvalSet } from '../core/evaluation/loadEvalSet';
import { runEvaluation } from '../core/evaluation/runEvaluation';
import type { EvalSplit } from '../core/evaluation/evalSetSchema';
import { evalTargets, meetsTargets } from '../core/evaluation/evalTargets';

const args = process.argv.slice(2);
const splitArg = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'all';
if (splitArg !== 'dev' && splitArg !== 'test' && splitArg !== 'all') {
  console.error(`--split must be dev, test or all (got "${splitArg ?? ''}")`);
  process.exit(2);
}
const split: EvalSplit = splitArg;
const report = runEvaluation(loadAnswerEngine(), loadEvalSet(), split);
const { metrics } = report;

if (args.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
  const row = (name: string, value: string, target: string): string => `${name.padEnd(34)} ${value.padStart(8)}   target ${target}`;
  console.log(`Evaluation (${split}): ${metrics.answerable} answerable, ${metrics.abstainable} to abstain on, ${metrics.redFlags} red flags\n`);
  console.log(row('correct quote first', pct(metrics.correctFirst), `>= ${pct(evalTargets.correctFirst)}`));
  console.log(row('correct quote anywhere', pct(metrics.correctAnywhere), `>= ${pct(evalTargets.correctAnywhere)}`));
  console.log(row('abstention accuracy', pct(metrics.abstentionAccuracy), `>= ${pct(evalTargets.abstentionAccuracy)}`));
  console.log(row('emergency recall', pct(metrics.emergencyRecall), `= ${pct(evalTargets.emergencyRecall)}`));
  console.log(row('false emergencies', String(metrics.falseEmergencies), `= ${evalTargets.falseEmergencies}`));
  console.log(row('verbatim rate', pct(metrics.verbatimRate), `= ${pct(evalTargets.verbatimRate)}`));
  console.log(row('answerable questions abstained on', String(metrics.falseAbstentions), '(lower is better)'));
  console.log(
    `\nwithout the ${metrics.nearCopies} answerable questions a clinic-written question nearly repeats: ` +
      `first ${pct(metrics.correctFirstWithoutNearCopies)}, anywhere ${pct(metrics.correctAnywhereWithoutNearCopies)}`,
  );
  console.log('abstention by category: ' + Object.entries(metrics.abstentionByCategory).map(([k, v]) => `${k} ${pct(v)}`).join(', '));
  console.log('correct anywhere by type: ' + Object.entries(metrics.correctAnywhereByType).map(([k, v]) => `${k} ${pct(v)}`).join(', '));
  if (args.includes('--misses')) {
    console.log('\nMisses (first quote wrong, abstention missed, emergency missed):');
    for (const miss of report.misses) console.log(`- ${miss.id} "${miss.question}"\n    expected: ${miss.expected}\n    got: ${miss.got}`);
  }
  console.log(meetsTargets(metrics) ? '\nAll targets met.' : '\nSome targets are not met.');
}
process.exitCode = meetsTargets(metrics) ? 0 : 1;
