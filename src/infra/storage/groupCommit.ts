/**
 * Group commit for an SQLite database (better-sqlite3): writes asked for by concurrent turns in the same
 * turn of the event loop run in one transaction, committed once, instead of one transaction each. A
 * commit copies every changed page into the write-ahead log and takes and releases the file's locks, so
 * turns that share a commit share that cost (claims and state rows of neighbouring keys often share pages
 * too).
 *
 * Each job is a synchronous function run inside the transaction, in the order the jobs were asked for;
 * its promise settles with its own result or its own error only after the transaction has committed, so
 * nothing a caller does after `await` (sending a reply, answering a duplicate) runs before the write is
 * durable. A job that throws changes nothing of its own (a single statement is atomic; a job of several
 * statements runs them in a savepoint) and the other jobs of the batch commit. An error that ends the
 * whole transaction (SQLite rolls back on some I/O or lock errors), or a failed commit, rejects every job
 * of the batch with it.
 */
import type Database from 'better-sqlite3';

/** Queues jobs for the next group commit. */
export interface GroupCommit {
  /**
   * Runs `job` in the next batch's transaction; resolves with its result once that batch has committed.
   * `keys`: the items it writes or deletes (see {@link GroupCommit.flushFor}).
   */
  run<T>(keys: readonly string[], job: () => T): Promise<T>;
  /** Runs and commits the queued jobs now when one of them writes one of `keys` (before reading them). */
  flushFor(keys: readonly string[]): void;
  /** Runs and commits the queued jobs now (before closing). */
  flush(): void;
}

interface QueuedJob {
  job: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Creates the group commit of `db`: a batch is flushed by `setImmediate` after its first job. */
export function createGroupCommit(db: Database.Database): GroupCommit {
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  let queue: QueuedJob[] = [];
  const queuedKeys = new Set<string>();
  let scheduled: NodeJS.Immediate | undefined;

  const flush = (): void => {
    if (scheduled !== undefined) clearImmediate(scheduled);
    scheduled = undefined;
    const batch = queue;
    queue = [];
    queuedKeys.clear();
    if (batch.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      begin.run();
      for (const { job } of batch) {
        try {
          outcomes.push({ ok: true, value: job() });
        } catch (error) {
          // SQLite ended the transaction: what ran before this job is gone too.
          if (!db.inTransaction) throw error;
          outcomes.push({ ok: false, error });
        }
      }
      commit.run();
    } catch (error) {
      if (db.inTransaction) rollback.run();
      for (const queued of batch) queued.reject(error);
      return;
    }
    batch.forEach((queued, index) => {
      const outcome = outcomes[index] as Outcome;
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    });
  };

  return {
    run<T>(keys: readonly string[], job: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ job, resolve: resolve as (value: unknown) => void, reject });
        for (const key of keys) queuedKeys.add(key);
        scheduled ??= setImmediate(flush);
      });
    },
    flushFor(keys) {
      if (queuedKeys.size > 0 && keys.some((key) => queuedKeys.has(key))) flush();
    },
    flush,
  };
}
