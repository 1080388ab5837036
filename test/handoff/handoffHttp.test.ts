/**
 * Handoff through the real server (/api/messages with expectReplies): what starts one, the
 * `handoff.initiate` event's shape and context, the patient-facing reply, the bot's silence while a
 * person has the conversation, red flags during the handoff, offers of a person, and hand-back by a
 * `handoff.status` event.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHandoffConfig } from '../../src/handoff/handoffConfig';
import { startTestAssistant, testConversation, type ReplyActivity, type TestAssistant } from '../server/assistantHarness';

const wording = JSON.parse(readFileSync(path.join(__dirname, '../../dialogs/handoffWording.json'), 'utf8')) as {
  replies: Record<string, string>;
  offers: Record<string, string>;
};
const emergencyMessage = 'I suddenly cannot feel my legs';
const offTopic = 'what is the capital of France?';
const question = 'how long does kyphoplasty take?';

interface HandoffEvent extends ReplyActivity {
  name?: string;
  value?: { handoffId: string; reason: string; reasonText: string; recentQuestions: Array<{ question: string; outcome: string; quotes: unknown[] }>; screening?: unknown };
  attachments?: Array<{ contentType: string; name: string; content: { activities: Array<{ type: string; text?: string }> } }>;
}

let harness: TestAssistant;
beforeAll(async () => {
  harness = await startTestAssistant({ env: { CLINIC_NAME: 'Example Spine Clinic' } });
});
afterAll(async () => {
  await harness?.close();
});

const messages = (activities: ReplyActivity[]) => activities.filter((activity) => activity.type === 'message');
const handoffEventOf = (activities: ReplyActivity[]): HandoffEvent | undefined =>
  activities.find((activity): activity is HandoffEvent => activity.type === 'event' && (activity as HandoffEvent).name === 'handoff.initiate');

describe('starting a handoff', () => {
  it.each([
    ['the welcome action', '', { action: 'talk-to-person' }],
    ['the action title typed', 'Talk to a person', undefined],
    ['"can I talk to someone"', 'Can I talk to someone please?', undefined],
    ['"human"', 'human', undefined],
    ['"agent"', 'Agent!', undefined],
  ])('starts from %s', async (_what, text, value) => {
    const chat = testConversation();
    const { activities } = await harness.send(chat.message(text, value));
    const [reply] = messages(activities);
    expect(reply?.channelData).toMatchObject({ outcome: 'handoff', quotes: [], handoff: 'started' });
    expect(reply?.text).toContain('Example Spine Clinic');
    expect(handoffEventOf(activities)).toBeDefined();
  });

  it('sends handoff.initiate with the reason, recent questions, quotes shown and the transcript attachment', async () => {
    const chat = testConversation();
    const answered = messages((await harness.send(chat.message(question))).activities)[0];
    const { activities } = await harness.send(chat.message('', { action: 'talk-to-person' }));
    const event = handoffEventOf(activities);
    expect(event?.value?.reason).toBe('patient-request');
    expect(event?.value?.handoffId).toMatch(/^[0-9a-f]{32}$/);
    expect(event?.value?.recentQuestions[0]).toEqual({ question, outcome: 'answer', quotes: answered?.channelData?.quotes });
    expect(event?.attachments?.[0]).toMatchObject({ contentType: 'application/json', name: 'Transcript' });
    expect(event?.attachments?.[0]?.content.activities.map((activity) => activity.text)[0]).toBe(question);
  });

  it('gives the emergency instruction, not a handoff, when the request describes an emergency', async () => {
    const chat = testConversation();
    const { activities } = await harness.send(chat.message(`I want to talk to someone, ${emergencyMessage}`));
    expect(messages(activities)[0]?.channelData?.outcome).toBe('emergency');
    expect(handoffEventOf(activities)).toBeUndefined();
  });

  it('carries Omnichannel escalation tags when configured', async () => {
    const omnichannel = await startTestAssistant({ handoff: loadHandoffConfig({ HANDOFF_SIGNAL: 'omnichannel' }) });
    try {
      const chat = testConversation();
      const [reply] = messages((await omnichannel.send(chat.message('', { action: 'talk-to-person' }))).activities);
      const tags = JSON.parse(String(reply?.channelData?.['tags'])) as { type: string; context: { reason: string } };
      expect(tags).toMatchObject({ type: 'Escalate', context: { reason: 'patient-request' } });
    } finally {
      await omnichannel.close();
    }
  });
});

describe('while a person has the conversation', () => {
  it('stays quiet, still answers red flags, and answers again after handoff.status completed', async () => {
    const chat = testConversation();
    await harness.send(chat.message('', { action: 'talk-to-person' }));
    expect((await harness.send(chat.message(question))).activities).toEqual([]);

    const emergency = messages((await harness.send(chat.message(emergencyMessage))).activities);
    expect(emergency.map((reply) => reply.channelData?.outcome)).toEqual(['emergency']);

    const status = { ...chat.message(''), type: 'event', name: 'handoff.status', value: { state: 'completed' } };
    const back = messages((await harness.send(status)).activities);
    expect(back[0]?.channelData).toMatchObject({ outcome: 'handoff', handoff: 'ended' });
    expect(back[0]?.text).toBe(wording.replies['handedBack']);

    const answer = messages((await harness.send(chat.message(question))).activities);
    expect(answer[0]?.channelData?.outcome).toBe('answer');
  });

  it('lets the patient stop waiting with "cancel"', async () => {
    const chat = testConversation();
    await harness.send(chat.message('human'));
    const [reply] = messages((await harness.send(chat.message('cancel'))).activities);
    expect(reply?.channelData).toMatchObject({ outcome: 'handoff', handoff: 'ended' });
    expect(messages((await harness.send(chat.message(question))).activities)[0]?.channelData?.outcome).toBe('answer');
  });

  it('tells a patient who asks again that someone has been asked', async () => {
    const chat = testConversation();
    await harness.send(chat.message('human'));
    const [reply] = messages((await harness.send(chat.message('can I talk to a person'))).activities);
    expect(reply?.text).toBe(wording.replies['alreadyWaiting']);
  });

  it('ends with failed: the patient hears how to reach the clinic', async () => {
    const chat = testConversation();
    await harness.send(chat.message('human'));
    const status = { ...chat.message(''), type: 'event', name: 'handoff.status', value: { state: 'failed' } };
    const [reply] = messages((await harness.send(status)).activities);
    expect(reply?.channelData).toMatchObject({ outcome: 'handoff', handoff: 'ended' });
  });
});

describe('offers of a person', () => {
  it('offers one after two no-answers in a row; accepting makes that the reason', async () => {
    const chat = testConversation();
    expect(messages((await harness.send(chat.message(offTopic))).activities)).toHaveLength(1);
    const second = messages((await harness.send(chat.message('who won the football world cup?'))).activities);
    expect(second.map((reply) => reply.channelData?.outcome)).toEqual(['no-answer', 'handoff']);
    expect(second[1]?.text).toBe(wording.offers['noAnswers']);
    expect(second[1]?.suggestedActions?.actions.map((action) => action.value)).toEqual([{ action: 'talk-to-person' }]);
    const event = handoffEventOf((await harness.send(chat.message('', { action: 'talk-to-person' }))).activities);
    expect(event?.value?.reason).toBe('no-answers');
  });

  it('offers one after an emergency, in a message of its own after the instruction', async () => {
    const chat = testConversation();
    const replies = messages((await harness.send(chat.message(emergencyMessage))).activities);
    expect(replies.map((reply) => reply.channelData?.outcome)).toEqual(['emergency', 'handoff']);
    expect(replies[0]?.suggestedActions).toBeUndefined();
    const event = handoffEventOf((await harness.send(chat.message('', { action: 'talk-to-person' }))).activities);
    expect(event?.value?.reason).toBe('emergency');
  });
});

describe('privacy', () => {
  it('logs no message text of a handoff', async () => {
    const chat = testConversation();
    const marker = 'zebra-marker-4711';
    await harness.send(chat.message('human'));
    await harness.send(chat.message(`my neighbour ${marker} says hello`));
    expect(harness.rawLogs.some((line) => line.includes(marker))).toBe(false);
  });
});
