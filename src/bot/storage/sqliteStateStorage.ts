/**
 * {@link StateStorage} in an SQLite file (better-sqlite3): the embedded durable default of `npm start`.
 * State survives restarts; one file per data directory. Writes of a batch run in one immediate
 * transaction, so the eTag check and the write are atomic even with several processes on one file.
 * Expired items are invisible at once and deleted at startup and every `purgeIntervalMs`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { StoreItems } from 'botbuilder';
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
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS state_items (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    etag TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS state_items_expires_at ON state_items (expires_at);`);

  const selectLive = db.prepare<[string, number], Row>('SELECT key, value, etag FROM state_items WHERE key = ? AND expires_at > ?');
  const upsert = db.prepare<[string, string, string, number]>(
    'INSERT INTO state_items (key, value, etag, expires_at) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, expires_at = excluded.expires_at',
  );
  const deleteKey = db.prepare<[string]>('DELETE FROM state_items WHERE key = ?');
  const purgeExpired = db.prepare<[number]>('DELETE FROM state_items WHERE expires_at <= ?');

  const writeBatch = db.transaction((changes: StoreItems) => {
    const time = now();
    const keys = Object.keys(changes);
    for (const key of keys) {
      const condition = writeCondition(changes[key]?.eTag);
      if (condition.kind === 'overwrite') continue;
      const row = selectLive.get(key, time);
      if (condition.kind === 'create' ? row !== undefined : row?.etag !== condition.eTag) throw new StateConflictError('sqlite');
    }
    return keys.map((key) => {
      const eTag = newETag();
      upsert.run(key, JSON.stringify(withoutETag(changes[key])), eTag, time + retentionMs);
      return eTag;
    });
  });
  const addBatch = db.transaction((key: string, ttlMs: number): boolean => {
    const time = now();
    if (selectLive.get(key, time)) return false;
    upsert.run(key, '{}', newETag(), time + ttlMs);
    return true;
  });

  purgeExpired.run(now());
  const purgeTimer = setInterval(() => purgeExpired.run(now()), options.purgeIntervalMs ?? defaultSqliteStateStorageOptions.purgeIntervalMs);
  purgeTimer.unref();

  return {
    kind: 'sqlite',
    async read(keys) {
      const time = now();
      const items: StoreItems = {};
      for (const key of keys) {
        const row = selectLive.get(key, time);
        if (row) items[key] = { ...(JSON.parse(row.value) as Record<string, unknown>), eTag: row.etag };
      }
      return items;
    },
    async write(changes) {
      const eTags = writeBatch.immediate(changes);
      Object.keys(changes).forEach((key, index) => reportETag(changes[key], eTags[index] ?? ''));
    },
    async delete(keys) {
      db.transaction(() => {
        for (const key of keys) deleteKey.run(key);
      })();
    },
    async addIfAbsent(key, ttlMs) {
      return addBatch.immediate(key, ttlMs);
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
      if (db.open) db.close();
    },
  };
}
