/**
 * Feedback on answers through /api/messages: recorded with outcome, quote ids and a hashed
 * conversation id (never text), logged, and acknowledged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBotWording } from '../../src/bot/botWording';
import { MemoryFeedbackRecorder } from '../../src/bot/feedbackRecorder';
import { startTestAssistant, testConversation, type TestAssistant } from './assistantHarness';

const wording = loadBotWording();
const recorder = new MemoryFeedbackRecorder();
let harness: TestAssistant;

beforeAll(async () => {
  harness = await startTestAssistant({ feedbackRecorder: recorder });
});
afterAll(async () => {
  await harness?.close();
});

describe('feedback', () => {
  it('records the value of the answer\'s "helpful" action and thanks the user', async () => {
    const chat = testConversation();
    const answer = (await harness.send(chat.message('What are the risks of vertebroplasty?'))).activities[0];
    const helpful = answer?.suggestedActions?.actions.find((action) => action.title === wording.actions.helpful);
    expect(helpful).toBeDefined();

    const before = recorder.entries.length;
    const { activities } = await harness.send(chat.message(helpful?.text ?? '', helpful?.value));
    expect(activities).toHaveLength(1);
    expect(activities[0]?.text).toBe(wording.replies.feedbackHelpful);

    expect(recorder.entries).toHaveLength(before + 1);
    const record = recorder.entries.at(-1);
    expect(record).toMatchObject({ rating: 'helpful', outcome: 'answer', quotes: answer?.channelData?.quotes, channelId: 'test' });
    expect(record?.conversation).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(record)).not.toContain(chat.conversationId);

    const logLine = harness.logs.filter((line) => line['event'] === 'bot.feedback').at(-1);
    expect(logLine).toMatchObject({ rating: 'helpful', outcome: 'answer', conversation: record?.conversation });
    expect(logLine?.['quoteIds']).toHaveLength(answer?.channelData?.quotes?.length ?? -1);
  });

  it('takes typed "not helpful" as feedback on the last reply and offers a person', async () => {
    const chat = testConversation();
    const answer = (await harness.send(chat.message('How is kyphoplasty done?'))).activities[0];
    const { activities } = await harness.send(chat.message('not helpful'));
    expect(activities[0]?.channelData?.outcome).toBe('smalltalk');
    expect(activities[0]?.suggestedActions?.actions.map((action) => action.title)).toContain(wording.actions.talkToPerson);
    expect(recorder.entries.at(-1)).toMatchObject({
      rating: 'not-helpful',
      outcome: answer?.channelData?.outcome,
      quotes: answer?.channelData?.quotes,
    });
  });

  it('treats a malformed feedback value with its own text as a question, not feedback', async () => {
    const chat = testConversation();
    const before = recorder.entries.length;
    const { activities } = await harness.send(chat.message('What is kyphoplasty?', { feedback: 'excellent' }));
    expect(activities[0]?.channelData?.outcome).toBe('answer');
    expect(recorder.entries).toHaveLength(before);
  });
});
