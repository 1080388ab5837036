/**
 * Shared parts of the screening tests: the real answer engine and screening definition (loaded once
 * per test file), a DialogTestClient over the ScreeningDialog with a fixed clock and captured log lines,
 * and a table-driven runner where each step is `[user says, ...expected replies]`.
 */
import { ConversationState, MemoryStorage, type Activity, type Middleware } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { expect } from 'vitest';
import { loadAnswerEngine } from '../../src/core/loadAnswerEngine';
import { loadScreening } from '../../src/core/screening/loadScreening';
import type { Screening } from '../../src/core/screening/screeningTypes';
import type { BotLogger, LogFields } from '../../src/bot/botLogger';
import { defaultDialogsDir, loadBotWording } from '../../src/bot/botWording';
import { ScreeningDialog } from '../../src/bot/dialogs/screeningDialog';
import type { ScreeningChannelData } from '../../src/bot/dialogs/screeningReplies';
import { ScreeningStateStore, type CompletedScreening } from '../../src/bot/dialogs/screeningStateStore';

export const engine = loadAnswerEngine();
export const screening = loadScreening(defaultDialogsDir, engine.knowledge);
export const wording = loadBotWording();

/** The tests' "today": answers such as "in March" are counted from here. */
export const testToday = new Date('2026-05-20T12:00:00Z');

/** A log line as captured. */
export type LogLine = { level: string; event: string } & LogFields;

/** A screening under test. */
export interface ScreeningUnderTest {
  client: DialogTestClient;
  logs: LogLine[];
  /** The completed screening kept in conversation state after the last turn (read through the store). */
  completed(): CompletedScreening | undefined;
}

/** A DialogTestClient over a fresh ScreeningDialog and conversation state. */
export function startScreening(definition: Screening = screening): ScreeningUnderTest {
  const conversationState = new ConversationState(new MemoryStorage());
  const store = new ScreeningStateStore(conversationState);
  const logs: LogLine[] = [];
  const line = (level: string) => (event: string, fields: LogFields = {}) => logs.push({ ...fields, level, event });
  const logger: BotLogger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
  const dialog = new ScreeningDialog({ screening: definition, engine, wording, state: store, logger, now: () => testToday });
  // Reads what the turn left in conversation state while the turn is still open.
  let completed: CompletedScreening | undefined;
  const readState: Middleware = {
    onTurn: async (context, next) => {
      await next();
      completed = await store.completed(context);
    },
  };
  const client = new DialogTestClient('test', dialog, undefined, [readState], conversationState);
  return { client, logs, completed: () => completed };
}

/** Sends one message; returns every reply of the turn. */
export async function say(client: DialogTestClient, text: string): Promise<Array<Partial<Activity>>> {
  const replies: Array<Partial<Activity>> = [];
  const first = await client.sendActivity(text);
  if (first) replies.push(first);
  for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(next);
  return replies;
}

/** A reply's channelData with its screening status (undefined for non-screening replies). */
export function channelDataOf(reply: Partial<Activity> | undefined): Partial<ScreeningChannelData> {
  const data: unknown = reply?.channelData;
  return typeof data === 'object' && data !== null ? (data as Partial<ScreeningChannelData>) : {};
}

/**
 * An expected reply:
 * `ask:<id>` the question · `retry:<id>` the question after an answer not understood · `why:<id>` its
 * quotes · `help:<id>` its help · `answer` / `no-answer` / `smalltalk` a free-form reply ·
 * `complete:<result>` the summary · `cancelled:user` · `cancelled:emergency` (the emergency instruction).
 */
export type ExpectedReply = string;

/** One step of a conversation: what the user says and the replies expected, in order. */
export type ScreeningStep = [string, ...ExpectedReply[]];

function checkReply(reply: Partial<Activity> | undefined, expected: ExpectedReply, step: string): void {
  const [kind = '', detail] = expected.split(':');
  const data = channelDataOf(reply);
  const where = `after "${step}", expected ${expected}, got ${JSON.stringify(data)}`;
  switch (kind) {
    case 'ask':
    case 'retry':
    case 'why':
    case 'help': {
      expect(data.outcome, where).toBe('screening');
      expect(data.screening, where).toEqual({ status: 'asking', questionId: detail });
      const question = screening.questions.find((candidate) => candidate.id === detail);
      if (kind === 'ask' || kind === 'retry') expect(reply?.text, where).toContain(question?.text ?? '');
      if (kind === 'ask' || kind === 'retry') expect(reply?.suggestedActions?.actions.length, where).toBeGreaterThan(0);
      if (kind === 'retry') expect(reply?.text, where).toMatch(/^Sorry, I didn't understand that\./);
      if (kind === 'why') expect(data.quotes?.length, where).toBe(question?.quotes.length);
      if (kind === 'help') expect(reply?.text, where).toContain(question?.help ?? '');
      return;
    }
    case 'complete':
      expect(data.outcome, where).toBe('screening');
      expect(data.screening, where).toMatchObject({ status: 'complete', result: detail });
      return;
    case 'cancelled':
      expect(data.outcome, where).toBe(detail === 'emergency' ? 'emergency' : 'screening');
      expect(data.screening, where).toEqual({ status: 'cancelled', reason: detail });
      return;
    default:
      expect(data.outcome, where).toBe(kind);
  }
}

/** Runs a conversation table against a screening; returns the replies of each step. */
export async function runSteps(subject: ScreeningUnderTest, steps: readonly ScreeningStep[]): Promise<Array<Array<Partial<Activity>>>> {
  const all: Array<Array<Partial<Activity>>> = [];
  for (const [userSays, ...expected] of steps) {
    const replies = await say(subject.client, userSays);
    expect(replies.map((reply) => channelDataOf(reply).outcome), `replies to "${userSays}"`).toHaveLength(expected.length);
    expected.forEach((reply, index) => checkReply(replies[index], reply, userSays));
    all.push(replies);
  }
  return all;
}
