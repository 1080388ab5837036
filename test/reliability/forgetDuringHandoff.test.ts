/**
 * "Forget me" at every point of a handoff: while waiting, once taken, while the agent's line is being
 * saved, and on two instances sharing one Redis while the other instance is starting the handoff. Each
 * time the patient gets the confirmation (outcome `help`), the console no longer has the conversation
 * (404, not in the queue) and nothing the patient wrote before is left in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStateStorage } from '../../src/infra/storage/memoryStateStorage';
import type { StateStorage } from '../../src/infra/storage/stateStorage';
import { handoffIdFor } from '../../src/handoff/handoffRecord';
import { HandoffStore } from '../../src/handoff/handoffStore';
import { loadHandoffConfig } from '../../src/handoff/handoffConfig';
import { startTestAssistant, testConversation, type TestAssistant } from '../server/assistantHarness';
import { gateWrites } from '../state/gatedStorage';
import { testRedis, type TestRedis } from '../state/redisServer';
import { clinicConsoleToken, markerWord, startClinic, type ClinicHarness, type ClinicPatient } from './clinicHarness';

let redis: TestRedis;
const closing: Array<{ close(): Promise<void> }> = [];
beforeAll(async () => {
  redis = testRedis();
});
afterAll(async () => {
  await Promise.all(closing.map((harness) => harness.close()));
});

/** Everything a store holds under the given keys, as one string. */
async function stored(storage: StateStorage, keys: string[]): Promise<string> {
  return JSON.stringify(await storage.read(keys));
}

interface OpenHandoff {
  chat: ClinicPatient;
  cookie: string;
  id: string;
  marker: string;
}

/** A patient who asked a question with a marker word, asked for a person and wrote again while waiting. */
async function waitingHandoff(clinic: ClinicHarness): Promise<OpenHandoff> {
  const marker = markerWord('handoff');
  const chat = await clinic.patient();
  await chat.say(`how long does kyphoplasty take, my ${marker} hurts`);
  await chat.say('', { action: 'talk-to-person' });
  await chat.say(`still waiting ${marker}`);
  await chat.poll();
  const cookie = await clinic.signIn('Alex');
  const queue = (await (await clinic.agent('GET', '/agent/api/queue', cookie)).json()) as { conversations: Array<{ id: string }> };
  const id = queue.conversations.at(-1)?.id ?? '';
  expect(id).toMatch(/^[0-9a-f]{32}$/);
  return { chat, cookie, id, marker };
}

/** "Forget me", then: the confirmation, and the console has nothing. */
async function forgetAndCheck(clinic: ClinicHarness, handoff: OpenHandoff): Promise<void> {
  expect(await handoff.chat.say('forget me')).toBe(200);
  const replies = await handoff.chat.poll();
  expect(replies.at(-1)?.channelData?.outcome).toBe('help');
  expect((await clinic.agent('GET', `/agent/api/conversations/${handoff.id}`, handoff.cookie)).status).toBe(404);
  const queue = (await (await clinic.agent('GET', '/agent/api/queue', handoff.cookie)).json()) as { conversations: Array<{ id: string }> };
  expect(queue.conversations.map((conversation) => conversation.id)).not.toContain(handoff.id);
  expect((await clinic.agent('POST', `/agent/api/conversations/${handoff.id}/take`, handoff.cookie)).status).toBe(404);
  expect((await clinic.agent('POST', `/agent/api/conversations/${handoff.id}/messages`, handoff.cookie, { text: 'are you there?' })).status).toBe(404);
}

describe('forget me during a handoff (one instance)', () => {
  it('while waiting for a person', async () => {
    const storage = createMemoryStateStorage();
    const clinic = await startClinic({ storage });
    closing.push(clinic);
    const handoff = await waitingHandoff(clinic);
    await forgetAndCheck(clinic, handoff);
    expect(await stored(storage, [HandoffStore.keyOf(handoff.id)])).not.toContain(handoff.marker);
  });

  it('once an agent has taken it', async () => {
    const storage = createMemoryStateStorage();
    const clinic = await startClinic({ storage });
    closing.push(clinic);
    const handoff = await waitingHandoff(clinic);
    expect((await clinic.agent('POST', `/agent/api/conversations/${handoff.id}/take`, handoff.cookie)).status).toBe(200);
    expect((await clinic.agent('POST', `/agent/api/conversations/${handoff.id}/messages`, handoff.cookie, { text: 'Hello, I can help.' })).status).toBe(200);
    await forgetAndCheck(clinic, handoff);
    expect(await stored(storage, [HandoffStore.keyOf(handoff.id)])).toBe('{}');
  });

  it('while the agent\'s line is being saved (the save lands after the forgetting)', async () => {
    const storage = gateWrites(createMemoryStateStorage());
    const clinic = await startClinic({ storage });
    closing.push(clinic);
    const handoff = await waitingHandoff(clinic);
    expect((await clinic.agent('POST', `/agent/api/conversations/${handoff.id}/take`, handoff.cookie)).status).toBe(200);
    const held = storage.holdNextWrite();
    const typing = clinic.agent('POST', `/agent/api/conversations/${handoff.id}/messages`, handoff.cookie, { text: 'Let me check that for you.' });
    await held.reached;
    const forgetting = forgetAndCheck(clinic, handoff);
    // The forgetting deletes first (it writes nothing), then the held line may go on: it must not bring the handoff back.
    await expect.poll(async () => stored(storage, [HandoffStore.keyOf(handoff.id)])).toBe('{}');
    held.release();
    expect([200, 404, 410]).toContain((await typing).status);
    await forgetting;
    expect(await stored(storage, [HandoffStore.keyOf(handoff.id)])).toBe('{}');
  });
});

describe('forget me on one instance while another starts the handoff (one Redis)', () => {
  it('leaves no handoff with the forgotten questions for the agent', async () => {
    const prefix = redis.uniquePrefix();
    const handoff = loadHandoffConfig({ AGENT_CONSOLE_TOKEN: clinicConsoleToken, AGENT_CONSOLE_SECURE_COOKIE: 'false' });
    const gated = gateWrites(redis.stateStorage(prefix));
    const observer = redis.stateStorage(prefix);
    const a: TestAssistant = await startTestAssistant({ storage: gated, handoff });
    const b: TestAssistant = await startTestAssistant({ storage: redis.stateStorage(prefix), handoff });
    closing.push(a, b, { close: () => observer.close() });
    const chat = testConversation();
    const marker = markerWord('race');
    expect((await a.send(chat.message(`how long does kyphoplasty take, my ${marker} hurts`))).status).toBe(200);

    // A reads the conversation and is about to store the handoff when B forgets everything.
    const held = gated.holdNextWrite();
    const asking = a.send(chat.message('can I talk to someone please?'));
    await held.reached;
    const forgotten = await b.send(chat.message('forget me'));
    expect(forgotten.activities.at(-1)?.channelData?.outcome).toBe('help');
    held.release();
    const asked = await asking;
    expect(asked.status).toBe(200);
    expect(asked.activities.every((activity) => activity.type !== 'message' || typeof activity.channelData?.outcome === 'string')).toBe(true);

    const id = handoffIdFor(chat.message('x').channelId, chat.conversationId);
    const left = await stored(observer, [HandoffStore.keyOf(id), `test/conversations/${chat.conversationId}/`]);
    expect(left).not.toContain(marker);
  });
});
