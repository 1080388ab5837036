/**
 * {@link StateStorage} in an SQLite file (better-sqlite3): the embedded durable default of `npm start`.
 * State survives restarts; one file per data directory. The eTag check and the write are atomic even
 * with several processes on one file: a write of one item (every turn's state save) and a dedupe claim
 * are each one conditional statement (`UPDATE … WHERE etag = ?`, `INSERT … ON CONFLICT DO UPDATE …
 * WHERE expired`); a write of several items runs in a savepoint, all or nothing. Writes, claims and
 * deletes asked for in the same turn of the event loop are committed together in one transaction
 * (groupCommit.ts), each settling with its own outcome once committed; a read first commits what is
 * queued for its keys, so it sees every write asked for before it. Dedupe claims (one per turn, never
 * read back) have a table of their own without value, eTag or rowid, so a claim changes one B-tree page
 * and its expiry index, not three. Expired items are invisible at once and deleted at startup and every
 * `purgeIntervalMs`.
 *
 * Deleted means gone from the disk, not only from the table ("forget me", expiry): `secure_delete` makes
 * SQLite overwrite freed content with zeros (the SQLite bundled with better-sqlite3 honours it), and after
 * a `delete` the write-ahead log is checkpointed and truncated, so its older copies of the rows go too.
 * When another process holds the file open that truncation may have to wait; `journal_size_limit = 0`
 * then truncates the log at its next reset.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createGroupCommit } from './groupCommit';
import { newETag } from './newETag';
import {
  checkRetention,
  reportETag,
  defaultStateStorageOptions,
  StateConflictError,
  withoutETag,
  writeCondition,
  type StateStorage,
  type StateStorageOptions,
  type StoreItems,
  type WriteCondition,
} from './stateStorage';

/** Options of {@link createSqliteStateStorage}. */
export interface SqliteStateStorageOptions extends StateStorageOptions {
  /** Folder of the database file (created when missing), e.g. `./data`. */
  dataDir: string;
  /** The database file's name inside `dataDir`. Default `state.sqlite`. */
  fileName?: string;
  /** How often expired rows are deleted, in milliseconds. > 0. Default 10 minutes. */
  purgeIntervalMs?: number;
}

/** Defaults of the optional {@link SqliteStateStorageOptions}. */
export const defaultSqliteStateStorageOptions = { fileName: 'state.sqlite', purgeIntervalMs: 10 * 60 * 1000 } as const;

/** How long a statement waits for another process's lock, in ms. */
const busyTimeoutMs = 5000;

interface Row {
  key: string;
  value: string;
  etag: string;
}

/** Opens (or creates) the database and returns the store. */
export function createSqliteStateStorage(options: SqliteStateStorageOptions): StateStorage {
  const retentionMs = checkRetention(options.retentionMs ?? defaultStateStorageOptions.retentionMs, 'sqliteStateStorage');
  const now = options.now ?? Date.now;
  mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(path.join(options.dataDir, options.fileName ?? defaultSqliteStateStorageOptions.fileName));
  // Takes effect only in a new file (before its first table): a turn's writes change a few B-tree pages,
  // each copied whole into the write-ahead log, so small pages cost a turn less.
  db.pragma('page_size = 1024');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.pragma('secure_delete = ON');
  db.pragma('journal_size_limit = 0');
  db.exec(`CREATE TABLE IF NOT EXISTS state_items (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    etag TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS state_items_expires_at ON state_items (expires_at);
  CREATE TABLE IF NOT EXISTS dedupe_claims (
    key TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS dedupe_claims_expires_at ON dedupe_claims (expires_at);`);

  const selectLive = db.prepare<[string, number], Row>('SELECT key, value, etag FROM state_items WHERE key = ? AND expires_at > ?');
  const upsert = db.prepare<[string, string, string, number]>(
    'INSERT INTO state_items (key, value, etag, expires_at) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, expires_at = excluded.expires_at',
  );
  // One item: replaced only when it is live and has the expected eTag …
  const updateMatching = db.prepare<[string, string, number, string, string, number]>(
    'UPDATE state_items SET value = ?, etag = ?, expires_at = ? WHERE key = ? AND etag = ? AND expires_at > ?',
  );
  // … or created only when no live item has its key (an expired one is replaced).
  const insertUnlessLive = db.prepare<[string, string, string, number, number]>(
    'INSERT INTO state_items (key, value, etag, expires_at) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, expires_at = excluded.expires_at ' +
      'WHERE state_items.expires_at <= ?',
  );
  // A claim is recorded unless a live one has its key (an expired one is renewed).
  const claimUnlessLive = db.prepare<[string, number, number]>(
    'INSERT INTO dedupe_claims (key, expires_at) VALUES (?, ?) ' +
      'ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE dedupe_claims.expires_at <= ?',
  );
  const deleteKey = db.prepare<[string]>('DELETE FROM state_items WHERE key = ?');
  const deleteClaim = db.prepare<[string]>('DELETE FROM dedupe_claims WHERE key = ?');
  const purgeExpired = db.prepare<[number]>('DELETE FROM state_items WHERE expires_at <= ?');
  const purgeExpiredClaims = db.prepare<[number]>('DELETE FROM dedupe_claims WHERE expires_at <= ?');

  /** An item to write, prepared when the write is asked for (its JSON, eTag and expiry as of then). */
  interface PreparedItem {
    key: string;
    condition: WriteCondition;
    value: string;
    eTag: string;
  }
  const prepare = (changes: StoreItems): { items: PreparedItem[]; time: number } => ({
    time: now(),
    items: Object.keys(changes).map((key) => ({
      key,
      condition: writeCondition(changes[key]?.eTag),
      value: JSON.stringify(withoutETag(changes[key])),
      eTag: newETag(),
    })),
  });
  // Several items: all or nothing (a savepoint inside the group commit's transaction).
  const writeBatch = db.transaction((items: readonly PreparedItem[], time: number) => {
    for (const { key, condition } of items) {
      if (condition.kind === 'overwrite') continue;
      const row = selectLive.get(key, time);
      if (condition.kind === 'create' ? row !== undefined : row?.etag !== condition.eTag) throw new StateConflictError('sqlite');
    }
    for (const { key, value, eTag } of items) upsert.run(key, value, eTag, time + retentionMs);
  });
  /** Writes one item with its eTag's condition in one statement; false on a conflict. */
  const writeOne = ({ key, condition, value, eTag }: PreparedItem, time: number): boolean => {
    const expiresAt = time + retentionMs;
    switch (condition.kind) {
      case 'overwrite':
        upsert.run(key, value, eTag, expiresAt);
        return true;
      case 'create':
        return insertUnlessLive.run(key, value, eTag, expiresAt, time).changes > 0;
      case 'match':
        return updateMatching.run(value, eTag, expiresAt, key, condition.eTag, time).changes > 0;
    }
  };
  const deleteKeys = db.transaction((keys: readonly string[]) => {
    for (const key of keys) {
      deleteKey.run(key);
      deleteClaim.run(key);
    }
  });
  const commits = createGroupCommit(db);

  /**
   * Copies the log into the database and truncates it, without waiting for other processes (better-sqlite3
   * is synchronous: waiting would block the server); busy now means truncated at the log's next reset.
   */
  const truncateLog = (): void => {
    db.pragma('busy_timeout = 0');
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Another process holds a lock: journal_size_limit truncates the log later.
    } finally {
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    }
  };

  const purge = (): void => {
    const time = now();
    purgeExpiredClaims.run(time);
    if (purgeExpired.run(time).changes > 0) truncateLog();
  };
  purge();
  const purgeTimer = setInterval(purge, options.purgeIntervalMs ?? defaultSqliteStateStorageOptions.purgeIntervalMs);
  purgeTimer.unref();

  return {
    kind: 'sqlite',
    async read(keys) {
      commits.flushFor(keys);
      const time = now();
      const items: StoreItems = {};
      for (const key of keys) {
        const row = selectLive.get(key, time);
        if (row) items[key] = { ...(JSON.parse(row.value) as Record<string, unknown>), eTag: row.etag };
      }
      return items;
    },
    async write(changes) {
      const { items, time } = prepare(changes);
      const [only] = items;
      if (items.length === 1 && only !== undefined) {
        if (!(await commits.run([only.key], () => writeOne(only, time)))) throw new StateConflictError('sqlite');
      } else {
        await commits.run(
          items.map((item) => item.key),
          () => writeBatch(items, time),
        );
      }
      for (const { key, eTag } of items) reportETag(changes[key], eTag);
    },
    async delete(keys) {
      await commits.run(keys, () => deleteKeys(keys));
      truncateLog();
    },
    async addIfAbsent(key, ttlMs) {
      const time = now();
      return commits.run([], () => claimUnlessLive.run(key, time + ttlMs, time).changes > 0);
    },
    async ping() {
      try {
        return db.open && db.prepare('SELECT 1 AS ok').get() !== undefined;
      } catch {
        return false;
      }
    },
    async close() {
      clearInterval(purgeTimer);
      if (!db.open) return;
      commits.flush();
      db.close();
    },
  };
}
