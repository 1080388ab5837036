/**
 * The in-memory Direct Line store keeps its bounds: conversations (least recently active dropped),
 * activities per conversation (oldest dropped, watermarks still work) and idle expiry (clock by hand).
 */
import { describe, expect, it } from 'vitest';
import { createMemoryDirectLineStore } from '../../src/channels/directLine/memoryDirectLineStore';
import { manualClock } from './webChannelHarness';

describe('memoryDirectLineStore', () => {
  it('gives activities increasing ids and returns those after a watermark', async () => {
    const store = createMemoryDirectLineStore();
    await store.startConversation('c1', 'dl_u');
    const first = await store.appendActivity('c1', { type: 'message', text: 'one' });
    const second = await store.appendActivity('c1', { type: 'message', text: 'two' });
    expect([first?.id, second?.id]).toEqual(['c1|0000001', 'c1|0000002']);
    expect(await store.activitiesSince('c1', undefined)).toEqual({ activities: [first, second], watermark: 2 });
    expect(await store.activitiesSince('c1', 1)).toEqual({ activities: [second], watermark: 2 });
    expect(await store.activitiesSince('c1', 2)).toEqual({ activities: [], watermark: 2 });
  });

  it('hands out copies, so callers cannot change what is stored', async () => {
    const store = createMemoryDirectLineStore();
    await store.startConversation('c1', 'dl_u');
    const appended = await store.appendActivity('c1', { type: 'message', text: 'original' });
    if (appended) appended['text'] = 'changed';
    const page = await store.activitiesSince('c1', undefined);
    expect(page?.activities[0]?.['text']).toBe('original');
  });

  it('starts a conversation once', async () => {
    const store = createMemoryDirectLineStore();
    expect((await store.startConversation('c1', 'dl_u')).created).toBe(true);
    expect(await store.startConversation('c1', 'dl_other')).toEqual({ created: false, conversation: { conversationId: 'c1', userId: 'dl_u' } });
  });

  it('knows nothing of conversations that were not started', async () => {
    const store = createMemoryDirectLineStore();
    expect(await store.getConversation('nope')).toBeUndefined();
    expect(await store.appendActivity('nope', { type: 'message' })).toBeUndefined();
    expect(await store.activitiesSince('nope', undefined)).toBeUndefined();
  });

  it('keeps at most maxActivitiesPerConversation, dropping the oldest', async () => {
    const store = createMemoryDirectLineStore({ maxActivitiesPerConversation: 3 });
    await store.startConversation('c1', 'dl_u');
    for (let index = 1; index <= 5; index++) await store.appendActivity('c1', { type: 'message', text: String(index) });
    const page = await store.activitiesSince('c1', undefined);
    expect(page?.activities.map((activity) => activity['text'])).toEqual(['3', '4', '5']);
    expect(page?.watermark).toBe(5);
  });

  it('keeps at most maxConversations, dropping the least recently active', async () => {
    const store = createMemoryDirectLineStore({ maxConversations: 2 });
    await store.startConversation('a', 'dl_a');
    await store.startConversation('b', 'dl_b');
    await store.activitiesSince('a', undefined); // a is now more recent than b
    await store.startConversation('c', 'dl_c');
    expect(await store.getConversation('b')).toBeUndefined();
    expect(await store.getConversation('a')).toBeDefined();
    expect(await store.getConversation('c')).toBeDefined();
  });

  it('drops a conversation idle for idleTimeoutMs; any request keeps it alive', async () => {
    const clock = manualClock();
    const store = createMemoryDirectLineStore({ idleTimeoutMs: 1000, now: clock.now });
    await store.startConversation('busy', 'dl_b');
    await store.startConversation('idle', 'dl_i');
    clock.advance(600);
    await store.activitiesSince('busy', undefined);
    clock.advance(600);
    expect(await store.getConversation('idle')).toBeUndefined();
    expect(await store.getConversation('busy')).toBeDefined();
  });

  it('refuses bounds that are not positive', () => {
    expect(() => createMemoryDirectLineStore({ maxConversations: 0 })).toThrow(/bounds must be positive/);
  });
});
