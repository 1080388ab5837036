/**
 * The handoff queue in the bot's storage: two agents cannot take one conversation (also from two
 * instances on one SQLite file), the queue survives a restart, and a patient who left does not block it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStateStorage } from '../../src/infra/storage/memoryStateStorage';
import { createSqliteStateStorage } from '../../src/infra/storage/sqliteStateStorage';
import { handoffIdFor, type HandoffRecord } from '../../src/handoff/handoffRecord';
import { HandoffStore } from '../../src/handoff/handoffStore';

const scratch = mkdtempSync(path.join(tmpdir(), 'spine-handoff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function clock(start = Date.UTC(2030, 0, 1)) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

function waiting(conversationId: string, at: number): HandoffRecord {
  const id = handoffIdFor('directline', conversationId);
  return {
    id,
    status: 'waiting',
    reason: 'patient-request',
    channelId: 'directline',
    requestedAt: at,
    lastPatientAt: at,
    reference: { channelId: 'directline', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: conversationId }, bot: { id: 'bot' } },
    recent: [],
    transcript: [],
  };
}

const agent = (name: string) => ({ name, session: `session-${name}` });

describe('taking a conversation', () => {
  it('lets only one of two agents take it, even when both try at once', async () => {
    const time = clock();
    const store = new HandoffStore({ storage: createMemoryStateStorage(), now: time.now });
    const record = waiting('c1', time.now());
    await store.update(record.id, () => record);
    const results = await Promise.all([store.take(record.id, agent('alex')), store.take(record.id, agent('sam'))]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.reason)).toEqual(['taken']);
    expect(await store.take(record.id, agent('kim'))).toMatchObject({ ok: false, reason: 'taken' });
  });

  it('refuses a conversation that ended or never existed', async () => {
    const store = new HandoffStore({ storage: createMemoryStateStorage() });
    const record = waiting('c2', Date.now());
    await store.update(record.id, () => record);
    await store.end(record.id, 'cancelled');
    expect(await store.take(record.id, agent('alex'))).toMatchObject({ ok: false, reason: 'ended' });
    expect(await store.take('0'.repeat(32), agent('alex'))).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('holds across two instances on one SQLite file and after a restart', async () => {
    const dataDir = path.join(scratch, 'shared');
    const first = createSqliteStateStorage({ dataDir });
    const second = createSqliteStateStorage({ dataDir });
    const a = new HandoffStore({ storage: first });
    const b = new HandoffStore({ storage: second });
    const record = waiting('c3', Date.now());
    await a.update(record.id, () => record);
    expect((await b.list()).map((open) => open.id)).toEqual([record.id]);
    const results = await Promise.all([a.take(record.id, agent('alex')), b.take(record.id, agent('sam'))]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    await first.close();
    await second.close();

    const restarted = new HandoffStore({ storage: createSqliteStateStorage({ dataDir }) });
    const [open] = await restarted.list();
    expect(open).toMatchObject({ id: record.id, status: 'active' });
  });
});

describe('the queue', () => {
  it('lists oldest first and drops a waiting patient who has been silent past the timeout', async () => {
    const time = clock();
    const store = new HandoffStore({ storage: createMemoryStateStorage(), waitTimeoutMs: 60_000, now: time.now });
    const early = waiting('early', time.now());
    await store.update(early.id, () => early);
    time.advance(30_000);
    const late = waiting('late', time.now());
    await store.update(late.id, () => late);
    expect((await store.list()).map((record) => record.id)).toEqual([early.id, late.id]);

    time.advance(40_000);
    await store.append(late.id, [{ from: 'patient', text: 'still there', at: time.now() }]);
    expect((await store.list()).map((record) => record.id)).toEqual([late.id]);
    expect(await store.get(early.id)).toMatchObject({ status: 'ended', endReason: 'abandoned' });
  });

  it('keeps a taken conversation listed until it is handed back', async () => {
    const store = new HandoffStore({ storage: createMemoryStateStorage() });
    const record = waiting('taken', Date.now());
    await store.update(record.id, () => record);
    await store.take(record.id, agent('alex'));
    expect(await store.list()).toHaveLength(1);
    await store.end(record.id, 'handed-back');
    expect(await store.list()).toEqual([]);
  });
});
