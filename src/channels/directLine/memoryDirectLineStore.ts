/**
 * The in-memory {@link DirectLineStore}: one process, bounded (number of conversations, activities per
 * conversation, and the bytes of all activities together) and expiring (idle conversations are dropped).
 * Conversations are kept in a Map in least-recently-active order, so expiry and eviction look at the
 * front only. Beyond the byte budget the oldest activities of the least recently active conversations go
 * first (Web Chat has already shown them; a reload shows what is left), so a flood of long messages cannot
 * grow the process's memory past it.
 */
import { activityId } from './conversationIds';
import type {
  ActivityFields,
  ActivityPage,
  DirectLineConversation,
  DirectLineStore,
  StoredActivity,
} from './directLineStore';

/** Options of {@link createMemoryDirectLineStore}. */
export interface MemoryDirectLineStoreOptions {
  /** Most conversations kept; starting one more drops the least recently active. ≥ 1. Default 1000. */
  maxConversations?: number;
  /** Activities kept per conversation; older ones are dropped (polling past them skips them). ≥ 1. Default 500. */
  maxActivitiesPerConversation?: number;
  /** A conversation with no request for this long (milliseconds) is dropped. > 0. Default 2 hours. */
  idleTimeoutMs?: number;
  /**
   * Most bytes of activities kept, all conversations together (each activity counted as its JSON's
   * UTF-8 length); beyond it the oldest activities of the least recently active conversations are dropped.
   * ≥ 1. Default 64 MiB.
   */
  maxBytes?: number;
  /** Current time in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** Defaults of {@link MemoryDirectLineStoreOptions}. */
export const defaultMemoryDirectLineStoreOptions = {
  maxConversations: 1000,
  maxActivitiesPerConversation: 500,
  idleTimeoutMs: 2 * 60 * 60 * 1000,
  maxBytes: 64 * 1024 * 1024,
} as const;

interface Entry {
  conversation: DirectLineConversation;
  lastActiveAt: number;
  nextSeq: number;
  activities: Array<{ seq: number; activity: StoredActivity; bytes: number }>;
}

/** Creates an empty in-memory store. */
export function createMemoryDirectLineStore(options: MemoryDirectLineStoreOptions = {}): DirectLineStore {
  const { maxConversations, maxActivitiesPerConversation, idleTimeoutMs, maxBytes } = {
    ...defaultMemoryDirectLineStoreOptions,
    ...options,
  };
  if (maxConversations < 1 || maxActivitiesPerConversation < 1 || !(idleTimeoutMs > 0) || !(maxBytes >= 1)) {
    throw new Error('memoryDirectLineStore: bounds must be positive');
  }
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let totalBytes = 0;

  const bytesOf = (entry: Entry): number => entry.activities.reduce((sum, item) => sum + item.bytes, 0);
  const drop = (id: string, entry: Entry): void => {
    totalBytes -= bytesOf(entry);
    entries.delete(id);
  };
  const dropExpired = (time: number): void => {
    for (const [id, entry] of entries) {
      if (time - entry.lastActiveAt < idleTimeoutMs) break;
      drop(id, entry);
    }
  };
  /** Drops the oldest activities, least recently active conversations first, until the budget holds. */
  const keepWithinBudget = (): void => {
    for (const entry of entries.values()) {
      while (totalBytes > maxBytes && entry.activities.length > 0) totalBytes -= entry.activities.shift()?.bytes ?? 0;
      if (totalBytes <= maxBytes) return;
    }
  };

  /** The live entry, moved to the back (most recently active). */
  const touch = (conversationId: string): Entry | undefined => {
    const time = now();
    dropExpired(time);
    const entry = entries.get(conversationId);
    if (!entry) return undefined;
    entries.delete(conversationId);
    entry.lastActiveAt = time;
    entries.set(conversationId, entry);
    return entry;
  };

  return {
    async startConversation(conversationId, userId) {
      const existing = touch(conversationId);
      if (existing) return { created: false, conversation: { ...existing.conversation } };
      while (entries.size >= maxConversations) {
        const oldest = entries.entries().next();
        if (oldest.done) break;
        drop(...oldest.value);
      }
      const conversation = { conversationId, userId };
      entries.set(conversationId, { conversation, lastActiveAt: now(), nextSeq: 1, activities: [] });
      return { created: true, conversation: { ...conversation } };
    },

    async getConversation(conversationId) {
      const entry = touch(conversationId);
      return entry ? { ...entry.conversation } : undefined;
    },

    async appendActivity(conversationId, activity: ActivityFields) {
      const entry = touch(conversationId);
      if (!entry) return undefined;
      const seq = entry.nextSeq++;
      const stored: StoredActivity = { ...activity, id: activityId(conversationId, seq) };
      const bytes = Buffer.byteLength(JSON.stringify(stored), 'utf8');
      entry.activities.push({ seq, activity: stored, bytes });
      totalBytes += bytes;
      if (entry.activities.length > maxActivitiesPerConversation) totalBytes -= entry.activities.shift()?.bytes ?? 0;
      keepWithinBudget();
      return structuredClone(stored);
    },

    async activitiesSince(conversationId, watermark): Promise<ActivityPage | undefined> {
      const entry = touch(conversationId);
      if (!entry) return undefined;
      const after = watermark ?? 0;
      const newer = entry.activities.filter((item) => item.seq > after);
      const last = newer[newer.length - 1];
      return { activities: newer.map((item) => structuredClone(item.activity)), watermark: last ? last.seq : after };
    },

    async eraseActivities(conversationId) {
      const entry = entries.get(conversationId);
      if (!entry) return;
      totalBytes -= bytesOf(entry);
      entry.activities = [];
    },
  };
}
