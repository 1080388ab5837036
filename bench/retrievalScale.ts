/**
 * Retrieval at one corpus size, in its own process so its memory is its own:
 * `node --expose-gc --import tsx bench/retrievalScale.ts <multiplier>` generates a knowledge folder with
 * `multiplier` times the seed text (bench/generateCorpus.ts), loads it and builds the engine, answers
 * every evaluation question several times and prints one JSON line of figures.
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadEvalSet } from '../src/core/evaluation/loadEvalSet';
import { loadAnswerEngine } from '../src/core/loadAnswerEngine';
import { percentile, timeEach } from './benchProcess';
import { documentCount, generateCorpus } from './generateCorpus';

/** Figures at one corpus size. */
export interface RetrievalFigures {
  multiplier: number;
  documents: number;
  passages: number;
  buildMs: number;
  answerP50Ms: number;
  answerP99Ms: number;
  answers: number;
  heapMb: number;
  rssMb: number;
}

const gc = (): void => {
  global.gc?.();
  global.gc?.();
};

function measure(multiplier: number): RetrievalFigures {
  const folder = generateCorpus(multiplier);
  try {
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    const engine = loadAnswerEngine({ knowledgeDir: folder });
    const buildMs = performance.now() - start;
    gc();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    const set = loadEvalSet();
    const all = [...set.answerable, ...set.abstain, ...set.redFlags].map((item) => item.question);
    // Every question, after one warm-up round: 20 rounds up to 10×, 5 at 100×, 3 from 1,000×.
    const rounds = multiplier >= 1000 ? 3 : multiplier >= 100 ? 5 : 20;
    for (const question of all) engine.answer(question);
    const latencies = timeEach(all, rounds, (question) => engine.answer(question));
    return {
      multiplier,
      documents: documentCount(folder),
      passages: engine.passages.length,
      buildMs,
      answerP50Ms: percentile(latencies, 50),
      answerP99Ms: percentile(latencies, 99),
      answers: latencies.length,
      heapMb,
      rssMb: process.memoryUsage().rss / 1024 / 1024,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) {
  process.stdout.write(`${JSON.stringify(measure(Number(process.argv[2] ?? 1)))}\n`);
}
