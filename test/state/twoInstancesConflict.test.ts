/**
 * Two bot instances on one real Redis answering the same conversation at the same moment. Instance A's
 * state save is held at the gate while instance B answers and saves; when A's save goes on, its eTag is
 * stale and Redis refuses it. A then runs the turn again on B's state: the user gets exactly one answer
 * from A, nothing is silently overwritten, and if every run loses, the user is asked to resend (an
 * emergency instruction is still sent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPrivacyWording } from '../../src/bot/middleware/privacyWording';
import { startTestAssistant, testConversation, type TestAssistant } from '../server/assistantHarness';
import { gateWrites, type GatedStorage } from './gatedStorage';
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

/** Two instances over the same Redis keys; A's writes can be held. */
async function twoInstances(maxTurnAttempts?: number): Promise<{ a: TestAssistant; b: TestAssistant; gate: GatedStorage; prefix: string }> {
  const prefix = redis.uniquePrefix();
  const gate = gateWrites(redis.stateStorage(prefix));
  const a = await startTestAssistant({ storage: gate, maxTurnAttempts });
  const b = await startTestAssistant({ storage: redis.stateStorage(prefix) });
  started.push(a, b);
  return { a, b, gate, prefix };
}

/** The conversation's stored memory, read straight from Redis. */
async function storedMemory(prefix: string, channelId: string, conversationId: string): Promise<Record<string, unknown>> {
  const client = redis.client();
  try {
    const raw = await client.get(`${prefix}${channelId}/conversations/${conversationId}/`);
    if (raw === null) return {};
    const state = JSON.parse(raw.slice(raw.indexOf('\n') + 1)) as Record<string, unknown>;
    const memory = state['spineAssistant.memory'];
    return typeof memory === 'object' && memory !== null ? { ...memory } : {};
  } finally {
    client.disconnect();
  }
}

describe('two instances, one conversation, one Redis', () => {
  it('the turn that lost the race runs again on the newer state and answers once', async () => {
    const { a, b, gate, prefix } = await twoInstances();
    const chat = testConversation();
    expect((await b.send(chat.message('How long does kyphoplasty take?'))).status).toBe(200);

    const held = gate.holdNextWrite();
    const fromA = a.send(chat.message('What are the risks of vertebroplasty?'));
    await held.reached;
    const fromB = await b.send(chat.message('What is the cement made of?'));
    expect(fromB.activities.map((reply) => reply.channelData?.outcome)).toEqual(['answer']);
    held.release();

    const answerA = await fromA;
    expect(answerA.status).toBe(200);
    expect(answerA.activities).toHaveLength(1);
    expect(answerA.activities[0]?.channelData?.outcome).toBe('answer');
    // A's retry was saved on top of B's state: the stored last reply is A's answer.
    const memory = await storedMemory(prefix, 'test', chat.conversationId);
    expect(memory['lastReply']).toEqual({ outcome: 'answer', quotes: answerA.activities[0]?.channelData?.quotes });
    expect(a.logs.filter((line) => line['event'] === 'bot.stateConflict')).toHaveLength(1);
    expect(a.logs.find((line) => line['event'] === 'turn.completed' && line['attempts'] === 2)).toMatchObject({ result: 'ok' });
    const metrics = await a.assistant.metrics.registry.getSingleMetricAsString('spine_assistant_state_conflicts_total');
    expect(metrics).toMatch(/spine_assistant_state_conflicts_total 1$/m);
  });

  it('asks the user to resend when every run loses, and keeps the other instance\'s state', async () => {
    const { a, b, gate, prefix } = await twoInstances(1);
    const chat = testConversation();
    await b.send(chat.message('How long does kyphoplasty take?'));

    const held = gate.holdNextWrite();
    const fromA = a.send(chat.message('What are the risks of vertebroplasty?'));
    await held.reached;
    const fromB = await b.send(chat.message('What is the cement made of?'));
    held.release();

    const reply = await fromA;
    expect(reply.activities.map((activity) => [activity.channelData?.outcome, activity.text])).toEqual([['error', privacy.resend]]);
    const memory = await storedMemory(prefix, 'test', chat.conversationId);
    expect(memory['lastReply']).toEqual({ outcome: 'answer', quotes: fromB.activities[0]?.channelData?.quotes });
  });

  it('still sends the emergency instruction when the state cannot be saved', async () => {
    const { a, b, gate } = await twoInstances(1);
    const chat = testConversation();
    await b.send(chat.message('How long does kyphoplasty take?'));

    const held = gate.holdNextWrite();
    const fromA = a.send(chat.message('I suddenly cannot feel my legs'));
    await held.reached;
    await b.send(chat.message('What is the cement made of?'));
    held.release();

    const reply = await fromA;
    expect(reply.activities.map((activity) => activity.channelData?.outcome)).toEqual(['emergency', 'error']);
  });
});
