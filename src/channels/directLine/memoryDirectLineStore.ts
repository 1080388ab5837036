/**
 * The in-memory {@link DirectLineStore}: one process, bounded (number of conversations, activities per
 * conversation) and expiring (idle conversations are dropped). Conversations are kept in a Map in
 * least-recently-active order, so expiry and eviction look at the front only.
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
  /** Current time in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** Defaults of {@link MemoryDirectLineStoreOptions}. */
export const defaultMemoryDirectLineStoreOptions = {
  maxConversations: 1000,
  maxActivitiesPerConversation: 500,
  idleTimeoutMs: 2 * 60 * 60 * 1000,
} as const;

interface Entry {
  conversation: DirectLineConversation;
  lastActiveAt: number;
  nextSeq: number;
  activities: Array<{ seq: number; activity: StoredActivity }>;
}

/** Creates an empty in-memory store. */
export function createMemoryDirectLineStore(options: MemoryDirectLineStoreOptions = {}): DirectLineStore {
  const { maxConversations, maxActivitiesPerConversation, idleTimeoutMs } = {
    ...defaultMemoryDirectLineStoreOptions,
    ...options,
  };
  if (maxConversations < 1 || maxActivitiesPerConversation < 1 || !(idleTimeoutMs > 0)) {
    throw new Error('memoryDirectLineStore: bounds must be positive');
  }
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const dropExpired = (time: number): void => {
    for (const [id, entry] of entries) {
      if (time - entry.lastActiveAt < idleTimeoutMs) break;
      entries.delete(id);
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
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
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
      entry.activities.push({ seq, activity: stored });
      if (entry.activities.length > maxActivitiesPerConversation) entry.activities.shift();
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
      if (entry) entry.activities = [];
    },
  };
}
