/**
 * Readiness from named checks, each a function that answers true when its part works (the answer engine
 * answers a probe question, the state store answers, Redis answers). A check that throws, or takes longer
 * than the timeout, counts as failed, so `/readyz` answers 503 instead of hanging.
 */
import type { ReadinessReport } from './healthRoutes';

/** One check: true when its part is ready. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

/** Options of {@link createReadiness}. */
export interface ReadinessOptions {
  /** Milliseconds a check may take before it counts as failed. Default 2000; > 0. */
  timeoutMs?: number;
}

/** Defaults of {@link ReadinessOptions}. */
export const defaultReadinessOptions: Required<ReadinessOptions> = { timeoutMs: 2000 };

async function settle(check: ReadinessCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timedOut]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check (in parallel) on each call; ready when all pass. */
export function createReadiness(checks: Record<string, ReadinessCheck>, options: ReadinessOptions = {}): () => Promise<ReadinessReport> {
  const { timeoutMs } = { ...defaultReadinessOptions, ...options };
  return async () => {
    const names = Object.keys(checks);
    const results = await Promise.all(names.map((name) => settle(checks[name] ?? (() => false), timeoutMs)));
    const report: Record<string, boolean> = {};
    names.forEach((name, index) => {
      report[name] = results[index] === true;
    });
    return { ready: results.every(Boolean), checks: report };
  };
}
