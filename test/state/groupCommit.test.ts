/**
 * The SQLite store's group commit: writes asked for in the same turn of the event loop share one
 * transaction, and each caller still gets its own outcome (its eTag conflict, its claim taken or not),
 * only once the transaction is committed. Real SQLite on a temporary file; a second store on the same
 * file plays another instance.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStateStorage } from '../../src/infra/storage/sqliteStateStorage';
import { createOnlyETag, StateConflictError, type StateStorage } from '../../src/infra/storage/stateStorage';

const scratch = mkdtempSync(path.join(tmpdir(), 'spine-group-commit-'));
const opened: StateStorage[] = [];
let count = 0;

afterAll(async () => {
  await Promise.all(opened.map((storage) => storage.close()));
  rmSync(scratch, { recursive: true, force: true });
});

/** A store on a new file, or on `dataDir`'s file when given. */
function open(dataDir = path.join(scratch, `db-${(count += 1)}`)): { storage: StateStorage; dataDir: string } {
  const storage = createSqliteStateStorage({ dataDir });
  opened.push(storage);
  return { storage, dataDir };
}

const outcome = (settled: PromiseSettledResult<unknown>): string =>
  settled.status === 'fulfilled' ? 'ok' : settled.reason instanceof StateConflictError ? 'conflict' : `error: ${String(settled.reason)}`;

describe('sqlite group commit', () => {
  it('gives each of several saves in one tick its own success or eTag conflict', async () => {
    const { storage } = open();
    await storage.write({ a: { v: 0 }, b: { v: 0 } });
    const { a, b } = await storage.read(['a', 'b']);
    const results = await Promise.allSettled([
      storage.write({ a: { ...a, v: 'first' } }),
      // Read with the same eTag as the save before it, which changes it: this one lost the race.
      storage.write({ a: { ...a, v: 'second' } }),
      storage.write({ b: { ...b, v: 'other conversation' } }),
      storage.write({ c: { v: 'new', eTag: createOnlyETag } }),
      storage.write({ c: { v: 'new again', eTag: createOnlyETag } }),
    ]);
    expect(results.map(outcome)).toEqual(['ok', 'conflict', 'ok', 'ok', 'conflict']);
    expect(await storage.read(['a', 'b', 'c'])).toMatchObject({ a: { v: 'first' }, b: { v: 'other conversation' }, c: { v: 'new' } });
  });

  it('reports each successful save its own new eTag, which the next save can use', async () => {
    const { storage } = open();
    const first = { v: 1 };
    const second = { v: 2 };
    await Promise.all([storage.write({ x: first }), storage.write({ y: second })]);
    const stored = await storage.read(['x', 'y']);
    expect(first).toMatchObject({ eTag: stored['x'].eTag });
    expect(second).toMatchObject({ eTag: stored['y'].eTag });
    await storage.write({ x: { ...first, v: 3 } });
    expect((await storage.read(['x']))['x']).toMatchObject({ v: 3 });
  });

  it('lets one of two claims of the same key in one tick win, the other see it taken', async () => {
    const { storage } = open();
    const claims = await Promise.all([storage.addIfAbsent('dedupe/k', 60_000), storage.addIfAbsent('dedupe/k', 60_000), storage.addIfAbsent('dedupe/other', 60_000)]);
    expect(claims).toEqual([true, false, true]);
    expect(await storage.addIfAbsent('dedupe/k', 60_000)).toBe(false);
  });

  it('rolls back only the batch write that conflicts; the other writes of its tick commit', async () => {
    const { storage } = open();
    await storage.write({ a: { v: 1 } });
    const results = await Promise.allSettled([
      storage.write({ b: { v: 'before' } }),
      storage.write({ c: { v: 'in the failing batch' }, a: { v: 2, eTag: 'stale' } }),
      storage.addIfAbsent('dedupe/after', 60_000),
    ]);
    expect(results.map(outcome)).toEqual(['ok', 'conflict', 'ok']);
    expect(await storage.read(['a', 'b', 'c'])).toMatchObject({ a: { v: 1 }, b: { v: 'before' } });
    expect(Object.keys(await storage.read(['c']))).toEqual([]);
  });

  it('settles a write only once it is committed: another instance on the file sees it then', async () => {
    const { storage, dataDir } = open();
    const { storage: other } = open(dataDir);
    const seenByOther = await storage.write({ k: { v: 'durable' } }).then(() => other.read(['k']));
    expect(seenByOther['k']).toMatchObject({ v: 'durable' });
    const claimed = await storage.addIfAbsent('dedupe/d', 60_000).then(() => other.addIfAbsent('dedupe/d', 60_000));
    expect(claimed).toBe(false);
  });

  it('keeps the order of writes and deletes asked for, and a read sees the writes asked for before it', async () => {
    const { storage } = open();
    const created = storage.write({ k: { v: 'created', eTag: createOnlyETag } });
    const read = storage.read(['k']);
    const deleted = storage.delete(['k']);
    await Promise.all([created, deleted]);
    expect((await read)['k']).toMatchObject({ v: 'created' });
    expect(await storage.read(['k'])).toEqual({});
  });

  it('rejects every caller of a batch whose transaction cannot start, and works again afterwards', { timeout: 20_000 }, async () => {
    const { storage, dataDir } = open();
    const locker = new Database(path.join(dataDir, 'state.sqlite'));
    try {
      // Another process's write lock, held past the store's busy timeout.
      locker.exec('BEGIN IMMEDIATE');
      const results = await Promise.allSettled([storage.write({ k: { v: 1 } }), storage.addIfAbsent('dedupe/locked', 60_000)]);
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
      expect(results.map((result) => (result.status === 'rejected' ? (result.reason as { code?: string }).code : undefined))).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY']);
      locker.exec('ROLLBACK');
    } finally {
      locker.close();
    }
    await Promise.all([storage.write({ k: { v: 2 } }), storage.addIfAbsent('dedupe/locked', 60_000)]);
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 2 });
  });
});
