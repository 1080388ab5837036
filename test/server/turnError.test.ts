/**
 * onTurnError: when the engine throws, the bot logs without message text, apologises with outcome
 * "error", and the conversation stays usable. The failing engine is the real one wired to throw for
 * one question.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/core/answer/answerEngine';
import { loadAnswerEngine } from '../../src/core/loadAnswerEngine';
import { loadBotWording } from '../../src/bot/botWording';
import { startTestAssistant, testConversation, type TestAssistant } from './assistantHarness';

const failingQuestion = 'please break on this very private question';
const wording = loadBotWording();
let harness: TestAssistant;

beforeAll(async () => {
  const engine = loadAnswerEngine();
  const failingEngine: AnswerEngine = {
    ...engine,
    answer: (question, context) => {
      if (question === failingQuestion) throw new Error(`engine failed on "${question}"`);
      return engine.answer(question, context);
    },
    suggestedQuestions: () => engine.suggestedQuestions(),
  };
  harness = await startTestAssistant({ engine: failingEngine });
});
afterAll(async () => {
  await harness?.close();
});

describe('onTurnError', () => {
  it('apologises, logs without text, and the next message is answered', async () => {
    const chat = testConversation();
    const failed = await harness.send(chat.message(failingQuestion));
    expect(failed.status).toBe(200);
    expect(failed.activities).toHaveLength(1);
    expect(failed.activities[0]?.text).toBe(wording.replies.error);
    expect(failed.activities[0]?.channelData).toEqual({ outcome: 'error', quotes: [] });

    const errorLine = harness.logs.find((line) => line['event'] === 'bot.turnError');
    expect(errorLine).toMatchObject({ level: 'error', errorName: 'Error', activityType: 'message' });
    expect(harness.rawLogs.join('\n')).not.toContain('private question');

    const next = await harness.send(chat.message('What is vertebroplasty?'));
    expect(next.activities[0]?.channelData?.outcome).toBe('answer');
  });
});
