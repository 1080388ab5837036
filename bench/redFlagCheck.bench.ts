/**
 * The red-flag check alone (`engine.detectEmergency`), per message: every message of the evaluation
 * sets (ours, the emergency set, the shared real wording), once cold (the first pass reads natural's
 * lexicon for typo fixing) and then over `rounds` rounds, each message timed on its own.
 */
import { defaultEmergencySetFile, loadEvalSet, loadRealSet } from '../src/core/evaluation/loadEvalSet';
import { loadAnswerEngine } from '../src/core/loadAnswerEngine';
import { percentile, timeEach } from './benchProcess';

/** Figures of one run of the red-flag check benchmark. */
export interface RedFlagCheckFigures {
  messages: number;
  /** The first pass over all messages, cold (milliseconds in all). */
  firstPassMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Times the red-flag check over the evaluation messages. */
export function benchRedFlagCheck(rounds = 20): RedFlagCheckFigures {
  const engine = loadAnswerEngine();
  const messages = [loadEvalSet(), loadEvalSet(defaultEmergencySetFile), loadRealSet()].flatMap((set) =>
    [...set.answerable, ...set.abstain, ...set.redFlags, ...set.traps].map((item) => item.question),
  );
  const cold = performance.now();
  for (const message of messages) engine.detectEmergency(message);
  const firstPassMs = performance.now() - cold;
  const times = timeEach(messages, rounds, (message) => engine.detectEmergency(message));
  return { messages: messages.length, firstPassMs, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), maxMs: times[times.length - 1] ?? 0 };
}
