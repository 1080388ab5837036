/**
 * A restart in the middle of a conversation with the embedded store (SQLite in DATA_DIR): the process
 * is stopped with SIGTERM and started again on the same data directory, and the next message continues
 * where the conversation was — in the middle of the candidate check, and with the last answer's quotes
 * for typed feedback. Table-driven: each step is what the user sends, whether the process restarts
 * first, and what the reply must show; add steps as the bot's state grows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBotWording } from '../../src/bot/botWording';
import { testConversation, type ReplyActivity } from '../server/assistantHarness';
import { startAssistantProcess, type AssistantProcess } from './assistantProcess';

const wording = loadBotWording();
const dataDir = mkdtempSync(path.join(tmpdir(), 'spine-restart-'));
const running: AssistantProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((process) => process.stop('SIGKILL')));
  rmSync(dataDir, { recursive: true, force: true });
});

interface Step {
  /** What the user sends: text, or a message-back value. */
  say: string | { value: unknown };
  /** Stop the process (SIGTERM) and start it again on the same data directory before this step. */
  restartFirst?: boolean;
  /** Checks the reply (and the process's log output). */
  expect: (reply: ReplyActivity | undefined, output: string) => void;
}

const screeningOf = (reply: ReplyActivity | undefined): { status?: string; questionId?: string } => {
  const screening = reply?.channelData?.['screening'];
  return typeof screening === 'object' && screening !== null ? { ...screening } : {};
};

let firstAnswerQuotes: string[] = [];
const steps: Step[] = [
  {
    say: 'How long does kyphoplasty take?',
    expect: (reply) => {
      expect(reply?.channelData?.outcome).toBe('answer');
      firstAnswerQuotes = (reply?.channelData?.quotes ?? []).map((quote) => `${quote.documentId}:${quote.start}-${quote.end}`);
      expect(firstAnswerQuotes.length).toBeGreaterThan(0);
    },
  },
  {
    say: wording.actions.helpful,
    restartFirst: true,
    // Typed feedback rates the last answer: its quotes came from the stored state, not from this process.
    expect: (_reply, output) => {
      const line = output.split('\n').find((entry) => entry.includes('"event":"bot.feedback"'));
      expect(line).toBeDefined();
      expect((JSON.parse(line ?? '{}') as { quoteIds?: string[] }).quoteIds).toEqual(firstAnswerQuotes);
    },
  },
  { say: { value: { action: 'start-screening' } }, expect: (reply) => expect(screeningOf(reply).questionId).toBe('red-flags') },
  { say: 'no', expect: (reply) => expect(screeningOf(reply).questionId).toBe('imaging') },
  {
    say: 'yes',
    restartFirst: true,
    // Without the stored dialog state, "yes" would be a question; with it, the check goes on.
    expect: (reply) => {
      expect(reply?.channelData?.outcome).toBe('screening');
      expect(['red-flags', 'imaging']).not.toContain(screeningOf(reply).questionId);
    },
  },
];

describe('restart mid-conversation with the embedded store', () => {
  it('continues the conversation after SIGTERM and a new start on the same data directory', async () => {
    const env = { STATE_STORAGE: 'sqlite', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    let assistant = await startAssistantProcess(env);
    running.push(assistant);
    const chat = testConversation();
    for (const step of steps) {
      if (step.restartFirst) {
        expect(await assistant.stop('SIGTERM')).toBe(0);
        assistant = await startAssistantProcess(env);
        running.push(assistant);
      }
      const activity = typeof step.say === 'string' ? chat.message(step.say) : chat.message('', step.say.value);
      const { status, activities } = await assistant.send(activity);
      expect(status).toBe(200);
      step.expect(activities[0], assistant.output());
    }
    expect(assistant.output()).toContain('"storage":"sqlite"');
  }, 180_000);
});
