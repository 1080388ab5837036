/**
 * Duplicate deliveries are answered once (same channel, conversation and activity id), also across two
 * instances sharing one Redis; "forget me" deletes the conversation's stored state and says so, and
 * the next message starts from nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationMemoryProperty } from '../../src/bot/conversationMemory';
import { loadPrivacyWording } from '../../src/bot/middleware/privacyWording';
import { createMemoryStateStorage } from '../../src/infra/storage/memoryStateStorage';
import { startTestAssistant, testConversation, type TestAssistant } from '../server/assistantHarness';
import { testRedis, type TestRedis } from './redisServer';

const privacy = loadPrivacyWording();
let redis: TestRedis;
const started: TestAssistant[] = [];
beforeAll(async () => {
  redis = testRedis();
});
afterAll(async () => {
  await Promise.all(started.map((assistant) => assistant.close()));
});

describe('duplicate deliveries', () => {
  it('answers a redelivered activity once, and a new activity again', async () => {
    const harness = await startTestAssistant();
    started.push(harness);
    const chat = testConversation();
    const question = chat.message('How long does kyphoplasty take?');
    expect((await harness.send(question)).activities).toHaveLength(1);
    const again = await harness.send(question);
    expect(again.status).toBe(200);
    expect(again.activities).toHaveLength(0);
    expect(harness.logs.some((line) => line['event'] === 'bot.duplicateDelivery')).toBe(true);
    expect((await harness.send({ ...question, id: randomUUID() })).activities).toHaveLength(1);
    // Same activity id in another conversation is not a duplicate.
    const other = testConversation();
    expect((await harness.send({ ...question, conversation: { id: other.conversationId } })).activities).toHaveLength(1);
  });

  it('answers once across two instances on one Redis', async () => {
    const prefix = redis.uniquePrefix();
    const a = await startTestAssistant({ storage: redis.stateStorage(prefix) });
    const b = await startTestAssistant({ storage: redis.stateStorage(prefix) });
    started.push(a, b);
    const question = testConversation().message('What is vertebroplasty?');
    const [first, second] = await Promise.all([a.send(question), b.send(question)]);
    expect(first.activities.length + second.activities.length).toBe(1);
  });
});

describe('forget me', () => {
  it('deletes the conversation\'s state, confirms, and the next message starts fresh', async () => {
    const storage = createMemoryStateStorage();
    const harness = await startTestAssistant({ storage });
    started.push(harness);
    const chat = testConversation();
    await harness.send(chat.message('How long does kyphoplasty take?'));
    const key = `test/conversations/${chat.conversationId}/`;
    expect((await storage.read([key]))[key]).toHaveProperty([conversationMemoryProperty]);

    const { activities } = await harness.send(chat.message('Forget me!'));
    expect(activities).toHaveLength(1);
    expect(activities[0]?.channelData?.outcome).toBe('help');
    expect(activities[0]?.text).toContain('24 hours');
    expect(await storage.read([key, `test/users/${chat.user.id}/`])).toEqual({});
    expect(harness.logs.some((line) => line['event'] === 'bot.forgotten')).toBe(true);

    // Typed feedback now has no last answer to rate.
    await harness.send(chat.message('👍 Helpful'));
    const feedback = harness.assistant.feedbackRecorder;
    expect('entries' in feedback && Array.isArray(feedback.entries) ? feedback.entries.at(-1) : undefined).toMatchObject({ quotes: [] });
  });

  it('erases the built-in Direct Line\'s transcript too, and the conversation goes on', async () => {
    const harness = await startTestAssistant({ registerChannels: undefined });
    started.push(harness);
    const url = harness.assistant.url;
    const { token, conversationId } = (await (await fetch(`${url}/api/directline/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers, body: '{}' });
    const say = (text: string): Promise<Response> =>
      fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text }) });
    const transcript = async (): Promise<Array<{ text?: string; channelData?: { outcome?: string } }>> =>
      ((await (await fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, { headers })).json()) as {
        activities: Array<{ text?: string; channelData?: { outcome?: string } }>;
      }).activities;

    expect((await say('What is PMMA?')).status).toBe(200);
    expect((await transcript()).some((activity) => activity.text === 'What is PMMA?')).toBe(true);
    expect((await say('forget me')).status).toBe(200);
    const after = await transcript();
    expect(after.map((activity) => activity.channelData?.outcome)).toEqual(['help']);
    expect(after[0]?.text).toContain('deleted');
    expect((await say('What is kyphoplasty?')).status).toBe(200);
    expect((await transcript()).map((activity) => activity.channelData?.outcome ?? 'user')).toEqual(['help', 'user', 'answer']);
  });

  it('accepts the message-back action and leaves longer messages to the bot (red flags first)', async () => {
    const harness = await startTestAssistant();
    started.push(harness);
    const chat = testConversation();
    const byValue = await harness.send(chat.message('', { action: 'forget-me' }));
    expect(byValue.activities[0]?.text).toBe(privacy.forgetMe.confirmation.replace('{retentionHours}', '24'));
    const mixed = await harness.send(chat.message('forget me, I suddenly cannot feel my legs'));
    expect(mixed.activities[0]?.channelData?.outcome).toBe('emergency');
  });
});
