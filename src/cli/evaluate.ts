/**
 * `npm run eval [-- --split dev|test|all] [--misses] [--json]`: runs the team's evaluation set, the
 * shared set of real patients' wording, the team's patient-style set and the team's emergency set through the answer engine, and
 * prints their quality numbers side by side with the targets. `--split` applies to the team's sets; the
 * real set is always run whole. Exits 1 when a target is missed.
 */
import { loadAnswerEngine } from '../core/loadAnswerEngine';
import { defaultEmergencySetFile, defaultPatientStyleFile, loadEvalSet, loadRealSet } from '../core/evaluation/loadEvalSet';
import { runEvaluation, type EvalMetrics, type EvalReport } from '../core/evaluation/runEvaluation';
import type { EvalSplit } from '../core/evaluation/evalSetSchema';
import { evalTargets, missedTargets, type EvalTargets } from '../core/evaluation/evalTargets';

const args = process.argv.slice(2);
const splitArg = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'all';
if (splitArg !== 'dev' && splitArg !== 'test' && splitArg !== 'all') {
  console.error(`--split must be dev, test or all (got "${splitArg ?? ''}")`);
  process.exit(2);
}
const split: EvalSplit = splitArg;
const engine = loadAnswerEngine();
const ours = runEvaluation(engine, loadEvalSet(), split);
const run = (key: keyof typeof evalTargets, name: string, report: EvalReport) => {
  const targets: EvalTargets = evalTargets[key];
  return { key, name, report, targets, missed: missedTargets(report.metrics, targets) };
};
const sets = [
  run('ours', `our set (${split})`, ours),
  run('real', 'real wording', runEvaluation(engine, loadRealSet())),
  run('patient', `patient style (${split})`, runEvaluation(engine, loadEvalSet(defaultPatientStyleFile), split)),
  run('emergencies', `our emergencies (${split})`, runEvaluation(engine, loadEvalSet(defaultEmergencySetFile), split)),
];

if (args.includes('--json')) {
  console.log(JSON.stringify(Object.fromEntries(sets.map((set) => [set.key, { ...set.report, missedTargets: set.missed }])), null, 2));
} else {
  const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
  type Row = [name: string, cell: (m: EvalMetrics, t: EvalTargets) => string];
  const target = (value: number | undefined, sign: string, show: (v: number) => string = pct): string => (value === undefined ? '' : ` (${sign}${show(value)})`);
  const rows: Row[] = [
    ['answerable / abstain / red flags / traps', (m) => `${m.answerable}/${m.abstainable}/${m.redFlags}/${m.traps}`],
    ['correct quote first', (m, t) => (m.answerable ? pct(m.correctFirst) + target(t.correctFirst, '>=') : '-')],
    ['correct quote anywhere', (m, t) => (m.answerable ? pct(m.correctAnywhere) + target(t.correctAnywhere, '>=') : '-')],
    ["right passage in ranking's top 3", (m) => (m.answerable ? pct(m.rankedInTop3) : '-')],
    ['answerable abstained on', (m) => (m.answerable ? String(m.falseAbstentions) : '-')],
    ['abstention accuracy', (m, t) => (m.abstainable ? pct(m.abstentionAccuracy) + target(t.abstentionAccuracy, '>=') : '-')],
    ['emergency recall', (m, t) => (m.redFlags ? pct(m.emergencyRecall) + target(t.emergencyRecall, '>=') : '-')],
    ['false emergencies (non-trap inputs)', (m, t) => String(m.falseEmergencies) + target(t.falseEmergencies, '<=', String)],
    ['trap false alarms', (m, t) => (m.traps ? String(m.trapFalseAlarms) + target(t.trapFalseAlarms, '<=', String) : '-')],
    ['verbatim rate', (m, t) => pct(m.verbatimRate) + target(t.verbatimRate, '>=')],
  ];
  const width = 24;
  console.log(''.padEnd(38) + sets.map((set) => set.name.padStart(width)).join(''));
  for (const [name, cell] of rows) console.log(name.padEnd(38) + sets.map((set) => cell(set.report.metrics, set.targets).padStart(width)).join(''));
  const { metrics } = ours;
  console.log(
    `\nour set without the ${metrics.nearCopies} answerable questions a clinic-written question nearly repeats: ` +
      `first ${pct(metrics.correctFirstWithoutNearCopies)}, anywhere ${pct(metrics.correctAnywhereWithoutNearCopies)}`,
  );
  for (const set of sets) {
    const m = set.report.metrics;
    const groups = [
      ['abstention by category', m.abstentionByCategory],
      ['correct anywhere by type', m.correctAnywhereByType],
      ['emergency recall by rule', m.emergencyRecallByRule],
    ] as const;
    for (const [label, values] of groups) {
      if (Object.keys(values).length > 0) console.log(`${set.name}, ${label}: ` + Object.entries(values).map(([k, v]) => `${k} ${pct(v)}`).join(', '));
    }
  }
  if (args.includes('--misses')) {
    for (const set of sets) {
      console.log(`\nMisses in ${set.name} (first quote wrong, abstention missed, emergency missed, trap alarmed):`);
      for (const miss of set.report.misses) console.log(`- ${miss.id} "${miss.question}"\n    expected: ${miss.expected}\n    got: ${miss.got}`);
    }
  }
  console.log('');
  for (const set of sets) console.log(set.missed.length === 0 ? `${set.name}: all targets met.` : `${set.name}: targets missed: ${set.missed.join(', ')}.`);
}
process.exitCode = sets.every((set) => set.missed.length === 0) ? 0 : 1;
