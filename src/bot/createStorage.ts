/**
 * Storage for the bot's state, chosen by configuration: `memory` (tests; lost on restart), `sqlite`
 * (the embedded durable default of `npm start`: a file in the data directory) or `redis` (several
 * instances sharing state). All of them are {@link StateStorage}s with real eTags and retention.
 */
import type { Redis } from 'ioredis';
import { createMemoryStateStorage } from '../infra/storage/memoryStateStorage';
import { createRedisStateStorage } from '../infra/storage/redisStateStorage';
import { createSqliteStateStorage } from '../infra/storage/sqliteStateStorage';
import type { StateStorage, StorageKind } from '../infra/storage/stateStorage';

export type { StateStorage, StorageKind } from '../infra/storage/stateStorage';

/** Options of {@link createStorage}. */
export interface StorageOptions {
  /** Storage kind. Default: `memory`. */
  kind?: StorageKind;
  /** Folder of the SQLite file (`sqlite`). Required for `sqlite`. */
  dataDir?: string;
  /** How long state lives after its last change, in milliseconds. Default 24 hours. */
  retentionMs?: number;
  /** The Redis client (`redis`; see `createStateRedisClient` in src/server/createRedisClient.ts). Required for `redis`; the caller closes it. */
  redisClient?: Redis;
}

/** Creates the bot's state storage. Throws (naming the missing setting) when a kind lacks its setting. */
export function createStorage(options: StorageOptions = {}): StateStorage {
  const kind = options.kind ?? 'memory';
  const { retentionMs } = options;
  switch (kind) {
    case 'memory':
      return createMemoryStateStorage({ retentionMs });
    case 'sqlite':
      if (!options.dataDir) throw new Error('createStorage: sqlite storage needs a data directory (DATA_DIR)');
      return createSqliteStateStorage({ dataDir: options.dataDir, retentionMs });
    case 'redis':
      if (!options.redisClient) throw new Error('createStorage: redis storage needs a Redis client (createStateRedisClient over REDIS_URL)');
      return createRedisStateStorage({ client: options.redisClient, retentionMs, ownsClient: false });
  }
}
