/**
 * The bot's state storage: a key-value store shaped like botbuilder's `Storage` (structurally, so the bot
 * can hand it to botbuilder without this layer importing it) with real eTag semantics, retention and a
 * set-if-absent for duplicate deliveries. Three implementations: memory (tests), SQLite (the embedded
 * durable default) and Redis (several instances).
 *
 * eTags. Every write gives an item a fresh random eTag, returned by `read` as `item.eTag`. A write
 * carrying an eTag succeeds only when it matches the stored item's; `'*'` (or no eTag) overwrites
 * unconditionally; {@link createOnlyETag} succeeds only when no live item exists. A rejected write
 * throws {@link StateConflictError} and changes nothing (a batch is all or nothing).
 */
/** Items by key, as read from or written to a store (structurally botbuilder's `StoreItems`). */
// `any`-valued as botbuilder's is: with `unknown`, botbuilder's own items would not be assignable to it.
export interface StoreItems { [key: string]: any }

/** Read, write and delete by key (structurally botbuilder's `Storage`, so a store can be passed to it). */
export interface Storage {
  /** Reads the items with these keys; missing keys are absent from the result. */
  read(keys: string[]): Promise<StoreItems>;
  /** Writes the items. */
  write(changes: StoreItems): Promise<void>;
  /** Deletes the items with these keys. */
  delete(keys: string[]): Promise<void>;
}

/** Which storage backs the bot's state. */
export const storageKinds = ['memory', 'sqlite', 'redis'] as const;

/** One storage kind. */
export type StorageKind = (typeof storageKinds)[number];

/** The eTag that overwrites whatever is stored (botbuilder's convention). */
export const overwriteETag = '*';

/** The eTag of a write that creates an item: it fails when a live item with that key exists. */
export const createOnlyETag = '#create-only';

/** Storage of conversation and user state, and of short-lived markers such as dedupe keys. */
export interface StateStorage extends Storage {
  /** Which implementation this is. */
  readonly kind: StorageKind;
  /** Reads live items; expired and missing keys are absent from the result. Items carry their `eTag`. */
  read(keys: string[]): Promise<StoreItems>;
  /**
   * Writes items with the eTag rules above; each write restarts the item's retention. After a successful
   * write, each written item object's `eTag` is set to its new eTag (so a second save in the same turn
   * does not conflict with the first).
   */
  write(changes: StoreItems): Promise<void>;
  /** Deletes items (missing keys are ignored). */
  delete(keys: string[]): Promise<void>;
  /**
   * Records `key` for `ttlMs` milliseconds unless it is already recorded: true when this call recorded
   * it (the first delivery), false when it was there. Atomic across instances sharing the store.
   */
  addIfAbsent(key: string, ttlMs: number): Promise<boolean>;
  /** True when the store answers (readiness). Never throws. */
  ping(): Promise<boolean>;
  /** Flushes and closes the store; later calls fail. Idempotent. */
  close(): Promise<void>;
}

/** Options shared by every {@link StateStorage}. */
export interface StateStorageOptions {
  /** How long an item lives after its last write, in milliseconds. > 0. Default 24 hours. */
  retentionMs?: number;
  /** Current time in milliseconds (expiry). Default `Date.now`. Redis keeps its own clock. */
  now?: () => number;
}

/** Defaults of {@link StateStorageOptions}. */
export const defaultStateStorageOptions = { retentionMs: 24 * 60 * 60 * 1000 } as const;

/** A write whose eTag did not match the stored item (another turn saved first). Carries no key or value. */
export class StateConflictError extends Error {
  override readonly name = 'StateConflictError';
  /** Lets callers recognise the error across module copies. */
  readonly code = 'ETAG_CONFLICT';

  constructor(storage: StorageKind) {
    super(`${storage}StateStorage: eTag conflict, the item was changed by another writer since it was read`);
  }
}

/** Whether `error` is a {@link StateConflictError} (also botbuilder MemoryStorage's eTag conflict). */
export function isStateConflict(error: unknown): boolean {
  if (error instanceof StateConflictError) return true;
  return error instanceof Error && 'code' in error && error.code === 'ETAG_CONFLICT';
}

/** What a write asks for, decided from its eTag. */
export type WriteCondition = { kind: 'overwrite' } | { kind: 'create' } | { kind: 'match'; eTag: string };

/** The condition of a write carrying `eTag`. */
export function writeCondition(eTag: unknown): WriteCondition {
  if (eTag === undefined || eTag === null || eTag === '' || eTag === overwriteETag) return { kind: 'overwrite' };
  if (eTag === createOnlyETag) return { kind: 'create' };
  return { kind: 'match', eTag: String(eTag) };
}

/** The item as stored: without its eTag (the store keeps that apart). */
export function withoutETag(item: unknown): Record<string, unknown> {
  if (typeof item !== 'object' || item === null) return { value: item };
  return Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'eTag'));
}

/** Sets the new eTag on a written item object (see {@link StateStorage.write}). */
export function reportETag(item: unknown, eTag: string): void {
  if (typeof item === 'object' && item !== null && !Array.isArray(item)) Object.assign(item, { eTag });
}

/** Checks a retention period. */
export function checkRetention(retentionMs: number, module: string): number {
  if (!(retentionMs > 0) || !Number.isFinite(retentionMs)) throw new Error(`${module}: retentionMs must be a positive number`);
  return retentionMs;
}
