/**
 * Storage for conversation state. Only memory today; a later issue adds SQLite/Redis behind the same
 * factory.
 */
import { MemoryStorage, type Storage } from 'botbuilder';

/** Which storage to use. */
export type StorageKind = 'memory';

/** Options of {@link createStorage}. */
export interface StorageOptions {
  /** Storage kind. Default: `memory` (lost on restart; one process only). */
  kind?: StorageKind;
}

/** Creates the bot's state storage. */
export function createStorage(options: StorageOptions = {}): Storage {
  const kind = options.kind ?? 'memory';
  switch (kind) {
    case 'memory':
      return new MemoryStorage();
  }
}
