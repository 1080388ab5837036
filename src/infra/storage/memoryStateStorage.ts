/**
 * {@link StateStorage} in process memory: for tests and single-process experiments. Lost on restart.
 * Items are kept as JSON text, so callers never share objects with the store (as with a real store).
 */
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
} from './stateStorage';

const sweepEveryWrites = 500;

interface Entry {
  json: string;
  eTag: string;
  expiresAt: number;
}

/** Creates an empty in-memory store. */
export function createMemoryStateStorage(options: StateStorageOptions = {}): StateStorage {
  const retentionMs = checkRetention(options.retentionMs ?? defaultStateStorageOptions.retentionMs, 'memoryStateStorage');
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let closed = false;
  let writesSinceSweep = 0;

  /** Drops expired items now and then, so items nobody reads again do not pile up. */
  const sweep = (): void => {
    writesSinceSweep += 1;
    if (writesSinceSweep < sweepEveryWrites) return;
    writesSinceSweep = 0;
    const time = now();
    for (const [key, entry] of entries) if (entry.expiresAt <= time) entries.delete(key);
  };

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const open = (): void => {
    if (closed) throw new Error('memoryStateStorage: the store is closed');
  };

  return {
    kind: 'memory',
    async read(keys) {
      open();
      const items: StoreItems = {};
      for (const key of keys) {
        const entry = live(key);
        if (entry) items[key] = { ...(JSON.parse(entry.json) as Record<string, unknown>), eTag: entry.eTag };
      }
      return items;
    },
    async write(changes) {
      open();
      const keys = Object.keys(changes);
      for (const key of keys) {
        const condition = writeCondition(changes[key]?.eTag);
        const entry = live(key);
        if (condition.kind === 'create' && entry) throw new StateConflictError('memory');
        if (condition.kind === 'match' && entry?.eTag !== condition.eTag) throw new StateConflictError('memory');
      }
      sweep();
      const expiresAt = now() + retentionMs;
      for (const key of keys) {
        const eTag = newETag();
        entries.set(key, { json: JSON.stringify(withoutETag(changes[key])), eTag, expiresAt });
        reportETag(changes[key], eTag);
      }
    },
    async delete(keys) {
      open();
      for (const key of keys) entries.delete(key);
    },
    async addIfAbsent(key, ttlMs) {
      open();
      if (live(key)) return false;
      sweep();
      entries.set(key, { json: '{}', eTag: newETag(), expiresAt: now() + ttlMs });
      return true;
    },
    async ping() {
      return !closed;
    },
    async close() {
      closed = true;
      entries.clear();
    },
  };
}
