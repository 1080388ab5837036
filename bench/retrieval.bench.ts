/**
 * `npm run bench`: builds the answer engine from knowledge/ several times and answers the evaluation
 * set's questions, then prints index build time, answer latency (p50, p99) and memory, and writes the
 * figures to bench/results/retrieval.json. Not part of `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadAnswerEngine } from '../src/core/loadAnswerEngine';
import { loadEvalSet } from '../src/core/evaluation/loadEvalSet';

const BUILDS = 10;
const ROUNDS = 20;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const heapBefore = process.memoryUsage().heapUsed;
const builds: number[] = [];
let engine = loadAnswerEngine();
for (let i = 0; i < BUILDS; i += 1) {
  const start = performance.now();
  engine = loadAnswerEngine();
  builds.push(performance.now() - start);
}
const set = loadEvalSet();
const questions = [...set.answerable, ...set.abstain, ...set.redFlags].map((item) => item.question);
for (const question of questions) engine.answer(question);
const latencies: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  for (const question of questions) {
    const start = performance.now();
    engine.answer(question);
    latencies.push(performance.now() - start);
  }
}
latencies.sort((a, b) => a - b);
builds.sort((a, b) => a - b);
global.gc?.();
const figures = {
  passages: engine.passages.length,
  indexBuildMs: { p50: percentile(builds, 50), max: builds[builds.length - 1] ?? 0 },
  answerMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples: latencies.length },
  heapMb: (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024,
  rssMb: process.memoryUsage().rss / 1024 / 1024,
  node: process.version,
};
const ms = (value: number): string => `${value.toFixed(2)} ms`;
console.log(`passages                 ${figures.passages}`);
console.log(`load + index build       p50 ${ms(figures.indexBuildMs.p50)}, max ${ms(figures.indexBuildMs.max)} (${BUILDS} builds)`);
console.log(`answer latency           p50 ${ms(figures.answerMs.p50)}, p99 ${ms(figures.answerMs.p99)} (${figures.answerMs.samples} answers)`);
console.log(`memory                   heap +${figures.heapMb.toFixed(1)} MB, rss ${figures.rssMb.toFixed(1)} MB`);
mkdirSync(join(__dirname, 'results'), { recursive: true });
writeFileSync(join(__dirname, 'results', 'retrieval.json'), `${JSON.stringify(figures, null, 2)}\n`);
