/**
 * `npm run bench`: builds dist/ (as `npm run build`), then turn throughput and latency against a bare
 * echo bot (turns.bench.ts), retrieval at 1×, 10×, 100× and 1,000× the seed corpus (retrievalScale.ts,
 * each size in its own process), and start-up time and idle memory of `npm start` and `npm run dev`
 * (startup.bench.ts), and the red-flag check per message (redFlagCheck.bench.ts). Prints tables, the targets met and the load average, and writes
 * bench/results/bench.json. Loopback only; every server it starts it stops. Not part of `npm test`.
 * BENCH_SECONDS (default 10) sets the seconds per load run; BENCH_SCALES (default "1,10,100,1000") the sizes.
 * `npm run bench -- --profile` instead profiles the question and small-talk turns (profileTurns.ts) and
 * writes bench/results/profile.json.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDist, othersRunning, repo } from './benchProcess';
import type { RetrievalFigures } from './retrievalScale';
import { profileTurns } from './profileTurns';
import { benchRedFlagCheck } from './redFlagCheck.bench';
import { benchStartup, startCommands, type StartupFigures } from './startup.bench';
import { benchTurns } from './turns.bench';

function retrievalAt(multiplier: number): RetrievalFigures {
  const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(repo, 'bench/retrievalScale.ts'), String(multiplier)], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as RetrievalFigures;
}

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

async function profile(): Promise<void> {
  buildDist();
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 10);
  console.log(`CPU per turn by stage: 20 concurrent clients, ${seconds} s per load, V8 CPU profiler (npm start's build, SQLite state)`);
  const stages = await profileTurns({ connections: 20, seconds });
  // One row per stage, µs per turn in each scenario's column.
  const table = new Map<string, Record<string, number | string>>();
  for (const { scenario, stage, microsecondsPerTurn } of stages) table.set(stage, { ...table.get(stage), stage, [scenario]: microsecondsPerTurn });
  console.table([...table.values()]);
  mkdirSync(join(repo, 'bench', 'results'), { recursive: true });
  const file = join(repo, 'bench', 'results', 'profile.json');
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), loadAverage: loadavg(), stages }, null, 2)}\n`);
  console.log(`written to ${file}; the profiles are in bench/results/profiles/`);
}

async function main(): Promise<void> {
  const busyBefore = othersRunning();
  const loadBefore = loadavg();
  buildDist();
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 10);
  const scales = (process.env['BENCH_SCALES'] ?? '1,10,100,1000').split(',').map(Number);
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version };

  console.log(`Turns: 20 concurrent clients, ${seconds} s per run (autocannon, expectReplies)`);
  const turns = await benchTurns({ connections: 20, seconds });
  console.table(turns.map((t) => ({ ...t, requestsPerSecond: round(t.requestsPerSecond) })));

  console.log('Retrieval by corpus size');
  const retrieval: RetrievalFigures[] = [];
  for (const multiplier of scales) {
    retrieval.push(retrievalAt(multiplier));
    const last = retrieval[retrieval.length - 1];
    if (last) console.log(`  ${multiplier}×: ${last.passages} passages, build ${round(last.buildMs, 0)} ms, p50 ${round(last.answerP50Ms, 2)} ms, p99 ${round(last.answerP99Ms, 2)} ms`);
  }
  console.table(retrieval.map((r) => ({ ...r, buildMs: round(r.buildMs, 0), answerP50Ms: round(r.answerP50Ms, 2), answerP99Ms: round(r.answerP99Ms, 2), heapMb: round(r.heapMb), rssMb: round(r.rssMb) })));

  console.log('Red-flag check per message (every evaluation message, 20 rounds after a cold pass)');
  const redFlags = benchRedFlagCheck();
  console.log(`  ${redFlags.messages} messages, cold pass ${round(redFlags.firstPassMs, 0)} ms, p50 ${round(redFlags.p50Ms * 1000, 0)} µs, p99 ${round(redFlags.p99Ms * 1000, 0)} µs, max ${round(redFlags.maxMs, 2)} ms`);

  console.log('Start-up (npm start: node dist/index.js; npm run dev: tsx on src/index.ts)');
  const startups: StartupFigures[] = [];
  for (const [name, start] of startCommands) startups.push(await benchStartup(name, start, 3));
  console.table(startups);
  const startup = startups.find((figures) => figures.command === 'npm start');

  const echoRuns = turns.filter((t) => t.scenario.startsWith('echo'));
  const echo = Math.max(...echoRuns.map((t) => t.requestsPerSecond));
  const echoP99 = Math.min(...echoRuns.map((t) => t.p99Ms));
  const question = turns.find((t) => t.scenario === 'question (SQLite)');
  const smalltalk = turns.find((t) => t.scenario === 'small talk (SQLite)');
  const at = (multiplier: number): RetrievalFigures | undefined => retrieval.find((r) => r.multiplier === multiplier);
  // Issue 22's targets; the 100× retrieval is measured twice more, so "three runs out of three" is one bench run.
  const retrieval100P99 = at(100) ? [at(100)?.answerP99Ms ?? Infinity, retrievalAt(100).answerP99Ms, retrievalAt(100).answerP99Ms] : [];
  console.log(`answer p99 at 100×, three runs: ${retrieval100P99.map((value) => round(value, 2)).join(', ')} ms`);
  const targets = {
    'small talk ≥ 0.7 of echo turns/s': smalltalk ? smalltalk.requestsPerSecond / echo >= 0.7 : false,
    'question ≥ 0.5 of echo turns/s': question ? question.requestsPerSecond / echo >= 0.5 : false,
    'small talk p99 ≤ 3× echo p99': smalltalk ? smalltalk.p99Ms <= 3 * echoP99 : false,
    'question p99 ≤ 3× echo p99': question ? question.p99Ms <= 3 * echoP99 : false,
    'answer p99 ≤ 5 ms at 100× (3 of 3 runs)': retrieval100P99.length === 3 && retrieval100P99.every((value) => value <= 5),
    'answer p99 ≤ 50 ms at 1,000×': (at(1000)?.answerP99Ms ?? Infinity) <= 50,
    'ready ≤ 2 s (npm start)': (startup?.readyMsMedian ?? Infinity) <= 2000,
    'idle memory ≤ 200 MB (npm start)': (startup?.idleServerRssMb ?? Infinity) <= 200,
    'red-flag check p99 ≤ 0.2 ms': redFlags.p99Ms <= 0.2,
  };
  const ratio = question ? question.requestsPerSecond / echo : 0;
  const runtimeRatio = smalltalk ? smalltalk.requestsPerSecond / echo : 0;
  console.log(`question / echo throughput: ${round(ratio * 100)}% (echo: best of its two runs)`);
  console.log(`small talk / echo throughput: ${round(runtimeRatio * 100)}% (the runtime without retrieval: the most a free answer engine could reach)`);
  console.table(Object.entries(targets).map(([target, met]) => ({ target, met })));
  const busy = busyBefore || othersRunning();
  if (busy) console.log('Note: a vitest run was going on during the benchmark; the machine was not quiet.');
  const loadAverage = { before: loadBefore.map((value) => round(value, 2)), after: loadavg().map((value) => round(value, 2)) };
  console.log(`load average (1, 5, 15 min) before: ${loadAverage.before.join(', ')}; after: ${loadAverage.after.join(', ')} (${machine.cpus} CPUs)`);
  mkdirSync(join(repo, 'bench', 'results'), { recursive: true });
  const file = join(repo, 'bench', 'results', 'bench.json');
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, loadAverage, quiet: !busy, turns, ratio, runtimeRatio, echoP99, retrieval, retrieval100P99, redFlags, startup: startups, targets }, null, 2)}\n`);
  console.log(`written to ${file}`);
}

void (process.argv.includes('--profile') ? profile() : main()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
