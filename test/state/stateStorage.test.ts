/**
 * The three state stores behave alike: eTags (a stale write is rejected and changes nothing, `*`
 * overwrites, create-only fails on an existing item), retention, delete, and set-if-absent for dedupe.
 * SQLite and Redis are the real things (a temporary file, a real redis-server on loopback).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStateStorage } from '../../src/infra/storage/memoryStateStorage';
import { createSqliteStateStorage } from '../../src/infra/storage/sqliteStateStorage';
import { createOnlyETag, isStateConflict, StateConflictError, type StateStorage } from '../../src/infra/storage/stateStorage';
import { testRedis, type TestRedis } from './redisServer';

const scratch = mkdtempSync(path.join(tmpdir(), 'spine-state-'));
let redis: TestRedis;
const opened: StateStorage[] = [];

beforeAll(async () => {
  redis = testRedis();
});
afterAll(async () => {
  await Promise.all(opened.map((storage) => storage.close()));
  rmSync(scratch, { recursive: true, force: true });
});

/** A test clock (memory and SQLite expire by it; Redis keeps its own clock). */
function testClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_700_000_000_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

type Factory = (options: { retentionMs?: number; now?: () => number }) => StateStorage;
let sqliteCount = 0;
const factories: Array<[string, Factory]> = [
  ['memory', (options) => createMemoryStateStorage(options)],
  ['sqlite', (options) => createSqliteStateStorage({ ...options, dataDir: path.join(scratch, `db-${(sqliteCount += 1)}`) })],
  ['redis', (options) => redis.stateStorage(redis.uniquePrefix(), { retentionMs: options.retentionMs })],
];
const open = (factory: Factory, options: { retentionMs?: number; now?: () => number } = {}): StateStorage => {
  const storage = factory(options);
  opened.push(storage);
  return storage;
};

describe.each(factories)('%s state storage', (_name, factory) => {
  it('reads what was written, with an eTag, and nothing for unknown keys', async () => {
    const storage = open(factory);
    await storage.write({ a: { count: 1, nested: { list: [1, 'two'] } } });
    const items = await storage.read(['a', 'missing']);
    expect(Object.keys(items)).toEqual(['a']);
    expect(items['a']).toMatchObject({ count: 1, nested: { list: [1, 'two'] } });
    expect(typeof items['a'].eTag).toBe('string');
  });

  it('rejects a write with a stale eTag and keeps the newer item', async () => {
    const storage = open(factory);
    await storage.write({ k: { v: 'first' } });
    const first = (await storage.read(['k']))['k'];
    const second = (await storage.read(['k']))['k'];
    await storage.write({ k: { ...first, v: 'from A' } });
    const conflict = await storage.write({ k: { ...second, v: 'from B' } }).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(StateConflictError);
    expect(isStateConflict(conflict)).toBe(true);
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 'from A' });
  });

  it('reports the new eTag on the written item, so a second save in one turn succeeds', async () => {
    const storage = open(factory);
    await storage.write({ k: { v: 1 } });
    const item = (await storage.read(['k']))['k'];
    const before = item.eTag;
    await storage.write({ k: item });
    expect(item.eTag).not.toBe(before);
    item.v = 2;
    await storage.write({ k: item });
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 2, eTag: item.eTag });
  });

  it('overwrites with "*" or no eTag whatever is stored', async () => {
    const storage = open(factory);
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    await storage.write({ k: { v: 3 } });
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 3 });
  });

  it('creates with the create-only eTag only when nothing is stored', async () => {
    const storage = open(factory);
    await storage.write({ k: { v: 'created', eTag: createOnlyETag } });
    await expect(storage.write({ k: { v: 'again', eTag: createOnlyETag } })).rejects.toThrow(StateConflictError);
    await expect(storage.write({ gone: { v: 1, eTag: 'an-old-etag' } })).rejects.toThrow(StateConflictError);
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 'created' });
  });

  it('writes a batch all or nothing', async () => {
    const storage = open(factory);
    await storage.write({ a: { v: 1 } });
    const conflict = storage.write({ b: { v: 'new' }, a: { v: 2, eTag: 'stale' } });
    await expect(conflict).rejects.toThrow(StateConflictError);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['a']);
  });

  it('deletes items, ignoring missing keys', async () => {
    const storage = open(factory);
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a', 'never-written']);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
  });

  it('records a dedupe key once', async () => {
    const storage = open(factory);
    expect(await storage.addIfAbsent('dedupe/x', 60_000)).toBe(true);
    expect(await storage.addIfAbsent('dedupe/x', 60_000)).toBe(false);
    expect(await storage.addIfAbsent('dedupe/y', 60_000)).toBe(true);
    expect(await storage.ping()).toBe(true);
  });
});

describe.each(factories.filter(([name]) => name !== 'redis'))('%s retention (test clock)', (_name, factory) => {
  it('forgets an item once its retention has passed since its last write', async () => {
    const clock = testClock();
    const storage = open(factory, { retentionMs: 1000, now: clock.now });
    await storage.write({ k: { v: 1 } });
    clock.advance(999);
    expect(Object.keys(await storage.read(['k']))).toEqual(['k']);
    await storage.write({ k: { v: 2 } });
    clock.advance(999);
    const lastETag: unknown = (await storage.read(['k']))['k']?.eTag;
    expect(typeof lastETag).toBe('string');
    clock.advance(1);
    expect(await storage.read(['k'])).toEqual({});
    // An expired item counts as absent: its last eTag fails, create-only succeeds (once).
    await expect(storage.write({ k: { v: 3, eTag: lastETag } })).rejects.toThrow(StateConflictError);
    await storage.write({ k: { v: 3, eTag: createOnlyETag } });
    await expect(storage.write({ k: { v: 4, eTag: createOnlyETag } })).rejects.toThrow(StateConflictError);
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 3 });
  });

  it('lets a dedupe key expire after its own TTL', async () => {
    const clock = testClock();
    const storage = open(factory, { now: clock.now });
    expect(await storage.addIfAbsent('d', 500)).toBe(true);
    clock.advance(499);
    expect(await storage.addIfAbsent('d', 500)).toBe(false);
    clock.advance(1);
    expect(await storage.addIfAbsent('d', 500)).toBe(true);
  });
});

describe('redis retention', () => {
  it('sets the retention as the key expiry on every write, and the dedupe TTL on dedupe keys', async () => {
    const prefix = redis.uniquePrefix();
    const client = redis.client();
    const storage = open(() => redis.stateStorage(prefix, { client, retentionMs: 3_600_000 }));
    await storage.write({ k: { v: 1 } });
    const ttl = await client.pttl(`${prefix}k`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    await storage.addIfAbsent('d', 5000);
    const dedupeTtl = await client.pttl(`${prefix}d`);
    expect(dedupeTtl).toBeGreaterThan(0);
    expect(dedupeTtl).toBeLessThanOrEqual(5000);
    client.disconnect();
  });
});

describe('sqlite durability', () => {
  it('keeps items across close and reopen of the same data directory', async () => {
    const dataDir = path.join(scratch, 'durable');
    const first = createSqliteStateStorage({ dataDir });
    await first.write({ k: { v: 'kept' } });
    await first.close();
    const second = open(() => createSqliteStateStorage({ dataDir }));
    expect((await second.read(['k']))['k']).toMatchObject({ v: 'kept' });
  });
});
