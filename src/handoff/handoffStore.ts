/**
 * Handoffs in the bot's storage, so they survive a restart and are shared by every instance: one item
 * per conversation (`spineAssistant/handoff/<id>`) and a queue index (`spineAssistant/handoff/queue`).
 * Every change is a read-modify-write with the item's eTag, retried when another writer was first —
 * which is also the take-lock: of two agents taking one conversation, the second sees it taken.
 * Waiting conversations whose patient has written nothing for `waitTimeoutMs` are abandoned when the
 * queue is listed, so a patient who closed the page does not block the queue.
 */
import type { StateStorage } from '../infra/storage/stateStorage';
import { createOnlyETag, isStateConflict } from '../infra/storage/stateStorage';
import { handoffRecordSchema, isOpen, type HandoffEndReason, type HandoffRecord, type TranscriptEntry } from './handoffRecord';

/** Options of {@link HandoffStore}. */
export interface HandoffStoreOptions {
  /** The bot's state storage (its retention applies to handoffs and transcripts too). */
  storage: StateStorage;
  /** How long a waiting conversation stays in the queue after the patient's last message, in ms. Default 30 minutes. */
  waitTimeoutMs?: number;
  /** Most transcript lines kept per conversation (the oldest are dropped). Default 200. */
  maxTranscriptEntries?: number;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** Defaults of {@link HandoffStoreOptions}. */
export const defaultHandoffStoreOptions = { waitTimeoutMs: 30 * 60_000, maxTranscriptEntries: 200 } as const;

/** What a change function returns: the new record, or `undefined` to leave it as it is. */
type Change = (record: HandoffRecord | undefined) => HandoffRecord | undefined;

/** The outcome of an agent's take. */
export type TakeResult =
  | { ok: true; record: HandoffRecord }
  | { ok: false; reason: 'not-found' | 'taken' | 'ended'; record?: HandoffRecord };

const keyPrefix = 'spineAssistant/handoff/';
const queueKey = `${keyPrefix}queue`;
const maxAttempts = 8;

/** Reads and changes handoffs. */
export class HandoffStore {
  private readonly storage: StateStorage;
  private readonly waitTimeoutMs: number;
  private readonly maxTranscriptEntries: number;
  readonly now: () => number;

  constructor(options: HandoffStoreOptions) {
    this.storage = options.storage;
    this.waitTimeoutMs = options.waitTimeoutMs ?? defaultHandoffStoreOptions.waitTimeoutMs;
    this.maxTranscriptEntries = options.maxTranscriptEntries ?? defaultHandoffStoreOptions.maxTranscriptEntries;
    this.now = options.now ?? Date.now;
  }

  /** The storage key of a handoff (for "forget me"). */
  static keyOf(id: string): string {
    return `${keyPrefix}${id}`;
  }

  /** The handoff with this id, if stored. */
  async get(id: string): Promise<HandoffRecord | undefined> {
    return (await this.readRecord(id)).record;
  }

  /** Applies `change` with the stored item's eTag, retrying on conflict; returns the record as stored after. */
  async update(id: string, change: Change): Promise<HandoffRecord | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const { record, eTag } = await this.readRecord(id);
      const next = change(record);
      if (next === undefined) return record;
      try {
        await this.storage.write({ [HandoffStore.keyOf(id)]: { ...next, transcript: next.transcript.slice(-this.maxTranscriptEntries), eTag: eTag ?? createOnlyETag } });
        await this.updateQueue(id, isOpen(next));
        return next;
      } catch (error) {
        if (!isStateConflict(error) || attempt >= maxAttempts) throw error;
      }
    }
  }

  /**
   * Stores a new handoff through `save`, which writes it together with the conversation's state in one
   * write (so it is refused, with StateConflictError, when "forget me" or another instance changed the
   * state since it was read — the turn then runs again), and adds it to the queue.
   */
  async open(record: HandoffRecord, save: (items: Record<string, object>) => Promise<void>): Promise<void> {
    const { eTag } = await this.readRecord(record.id);
    await save({ [HandoffStore.keyOf(record.id)]: { ...record, transcript: record.transcript.slice(-this.maxTranscriptEntries), eTag: eTag ?? createOnlyETag } });
    await this.updateQueue(record.id, true);
  }

  /** Adds lines to the transcript of an open handoff (and notes the patient's activity). */
  async append(id: string, entries: readonly TranscriptEntry[]): Promise<HandoffRecord | undefined> {
    return this.update(id, (record) => {
      if (!record) return undefined;
      const patientWrote = entries.some((entry) => entry.from === 'patient');
      return { ...record, transcript: [...record.transcript, ...entries], lastPatientAt: patientWrote ? this.now() : record.lastPatientAt };
    });
  }

  /** Takes a waiting conversation for an agent; refused when another agent was first or it ended. */
  async take(id: string, agent: { name: string; session: string }): Promise<TakeResult> {
    let refusal: TakeResult | undefined;
    const record = await this.update(id, (current) => {
      refusal = undefined;
      if (!current) return void (refusal = { ok: false, reason: 'not-found' });
      if (current.status === 'ended') return void (refusal = { ok: false, reason: 'ended', record: current });
      if (current.status === 'active') {
        // Taking again from the same session is harmless (a double click); anyone else is refused.
        if (current.agent?.session === agent.session) return undefined;
        return void (refusal = { ok: false, reason: 'taken', record: current });
      }
      return { ...current, status: 'active', agent: { ...agent, takenAt: this.now() } };
    });
    if (refusal) return refusal;
    return record ? { ok: true, record } : { ok: false, reason: 'not-found' };
  }

  /** Ends an open handoff; the conversation is the bot's again. Undefined when there was none open. */
  async end(id: string, reason: HandoffEndReason, notice?: TranscriptEntry): Promise<HandoffRecord | undefined> {
    let ended = false;
    const record = await this.update(id, (current) => {
      ended = false;
      if (!current || !isOpen(current)) return undefined;
      ended = true;
      return { ...current, status: 'ended', endedAt: this.now(), endReason: reason, transcript: notice ? [...current.transcript, notice] : current.transcript };
    });
    return ended ? record : undefined;
  }

  /**
   * The open handoffs: those with an emergency first, each group oldest first. Waiting ones whose patient has been silent longer than the wait
   * timeout are ended as `abandoned` (and left out); ids whose item expired are dropped from the index.
   */
  async list(): Promise<HandoffRecord[]> {
    const ids = (await this.readQueue()).ids;
    if (ids.length === 0) return [];
    const items = await this.storage.read(ids.map((id) => HandoffStore.keyOf(id)));
    const open: HandoffRecord[] = [];
    for (const id of ids) {
      const parsed = handoffRecordSchema.safeParse(items[HandoffStore.keyOf(id)]);
      if (!parsed.success || !isOpen(parsed.data)) {
        await this.updateQueue(id, false);
        continue;
      }
      if (parsed.data.status === 'waiting' && this.now() - parsed.data.lastPatientAt > this.waitTimeoutMs) {
        await this.end(id, 'abandoned');
        continue;
      }
      open.push(parsed.data);
    }
    return open.sort((a, b) => Number(b.emergency !== undefined) - Number(a.emergency !== undefined) || a.requestedAt - b.requestedAt);
  }

  private async readRecord(id: string): Promise<{ record?: HandoffRecord; eTag?: string }> {
    const stored: unknown = (await this.storage.read([HandoffStore.keyOf(id)]))[HandoffStore.keyOf(id)];
    const parsed = handoffRecordSchema.safeParse(stored);
    const eTag = typeof stored === 'object' && stored !== null && 'eTag' in stored && typeof stored.eTag === 'string' ? stored.eTag : undefined;
    return { record: parsed.success ? parsed.data : undefined, eTag };
  }

  private async readQueue(): Promise<{ ids: string[]; eTag?: string }> {
    const stored: unknown = (await this.storage.read([queueKey]))[queueKey];
    if (typeof stored !== 'object' || stored === null) return { ids: [] };
    const ids = 'ids' in stored && Array.isArray(stored.ids) ? stored.ids.filter((id): id is string => typeof id === 'string') : [];
    const eTag = 'eTag' in stored && typeof stored.eTag === 'string' ? stored.eTag : undefined;
    return { ids, eTag };
  }

  /** Adds `id` to the queue index or removes it, with the index's eTag. */
  private async updateQueue(id: string, present: boolean): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const queue = await this.readQueue();
      if (queue.ids.includes(id) === present) return;
      const ids = present ? [...queue.ids, id] : queue.ids.filter((queued) => queued !== id);
      try {
        await this.storage.write({ [queueKey]: { ids, eTag: queue.eTag ?? createOnlyETag } });
        return;
      } catch (error) {
        if (!isStateConflict(error) || attempt >= maxAttempts) throw error;
      }
    }
  }
}
