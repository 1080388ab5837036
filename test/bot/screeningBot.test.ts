/**
 * The screening inside the bot (SpineAssistantBot over botbuilder's TestAdapter and a Storage the test
 * holds): how it starts, what the bot's own actions do mid-way, that a new bot process over the same
 * storage continues where the last one stopped, and that the completed screening is kept in conversation
 * state as plain JSON with its FHIR QuestionnaireResponse.
 */
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity, type Storage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { Screening } from '../../src/core/screening/screeningTypes';
import type { BotLogger } from '../../src/bot/botLogger';
import { ConversationMemoryStore } from '../../src/bot/conversationMemory';
import { createScreeningSession } from '../../src/bot/dialogs/screeningSession';
import { screeningStateProperty } from '../../src/bot/dialogs/screeningStateStore';
import { MemoryFeedbackRecorder } from '../../src/bot/feedbackRecorder';
import { SpineAssistantBot } from '../../src/bot/spineAssistantBot';
import { channelDataOf, engine, screening, testToday, wording } from '../screening/screeningTestKit';

const quiet: BotLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A bot "process": its own objects over the given storage, as after a restart. */
function startBot(storage: Storage, definition: Screening = screening): TestAdapter {
  const conversationState = new ConversationState(storage);
  const bot = new SpineAssistantBot({
    engine,
    wording,
    memory: new ConversationMemoryStore(conversationState),
    feedbackRecorder: new MemoryFeedbackRecorder(),
    logger: quiet,
    screening: createScreeningSession({ conversationState, screening: definition, engine, wording, logger: quiet, now: () => testToday }),
  });
  return new TestAdapter(async (context) => bot.run(context));
}

/** Sends a message (text, or a message-back value) and returns the bot's replies. */
async function send(adapter: TestAdapter, text: string, value?: unknown): Promise<Array<Partial<Activity>>> {
  await adapter.receiveActivity({ type: 'message', text, ...(value === undefined ? {} : { value }) });
  return adapter.activeQueue.splice(0);
}

/** `outcome` or `outcome:questionId` of each reply. */
function shape(replies: ReadonlyArray<Partial<Activity>>): string[] {
  return replies.map((reply) => {
    const data = channelDataOf(reply);
    return data.screening?.status === 'asking' ? `${data.outcome}:${data.screening.questionId}` : `${data.outcome}`;
  });
}

describe('starting the screening', () => {
  it.each<[string, string, unknown, string[]]>([
    ['the welcome\'s suggested action (message-back value)', '', { action: 'start-screening' }, ['screening:red-flags']],
    ['the action\'s title typed', wording.actions.startScreening, undefined, ['screening:red-flags']],
    ['"am I a candidate?"', 'Am I a candidate?', undefined, ['screening:red-flags']],
    ['"can I have kyphoplasty"', 'can I have kyphoplasty', undefined, ['screening:red-flags']],
    ['a general question about candidates is answered instead', 'Who is a good candidate for kyphoplasty?', undefined, ['answer']],
    ['an emergency symptom with a trigger phrase gets the emergency instruction', 'am I a candidate? I have chest pain', undefined, ['emergency']],
  ])('%s', async (_name, text, value, expected) => {
    expect(shape(await send(startBot(new MemoryStorage()), text, value))).toEqual(expected);
  });
});

describe('the bot\'s own actions during the screening', () => {
  it.each<[string, string, unknown, string[]]>([
    ['talk to a person: how to reach the clinic, then the question again', '', { action: 'talk-to-person' }, ['handoff', 'screening:imaging']],
    ['ask a question: the suggestions, then the question again', wording.actions.askQuestion, undefined, ['help', 'screening:imaging']],
    ['the candidate check again: the question again', '', { action: 'start-screening' }, ['screening:imaging']],
    ['feedback on an answer: thanks, then the question again', '', { feedback: 'helpful' }, ['smalltalk', 'screening:imaging']],
    ['free text with an action value is an answer', 'yes', { action: 'talk-to-person' }, ['screening:cause']],
  ])('%s', async (_name, text, value, expected) => {
    const adapter = startBot(new MemoryStorage());
    await send(adapter, 'am I a candidate?');
    await send(adapter, 'no');
    expect(shape(await send(adapter, text, value))).toEqual(expected);
  });
});

describe('state', () => {
  it('continues after a restart: a new bot over the same storage asks the next question', async () => {
    const storage = new MemoryStorage();
    const before = startBot(storage);
    await send(before, '', { action: 'start-screening' });
    await send(before, 'no');
    expect(shape(await send(before, 'yes'))).toEqual(['screening:cause']);

    const after = startBot(storage);
    expect(shape(await send(after, 'osteoporosis'))).toEqual(['screening:fracture-age']);
    expect(shape(await send(after, 'back'))).toEqual(['screening:cause']);
  });

  it('starts again when the definition changed version since the screening was started', async () => {
    const storage = new MemoryStorage();
    const before = startBot(storage);
    await send(before, 'am I a candidate?');
    await send(before, 'no');
    const after = startBot(storage, { ...screening, version: `${screening.version}-edited` });
    const [reply] = await send(after, 'yes');
    expect(shape([reply ?? {}])).toEqual(['screening:red-flags']);
    expect(reply?.text).toContain(screening.wording.restarted);
  });

  it('keeps the completed screening as plain JSON with its FHIR QuestionnaireResponse', async () => {
    const storage = new MemoryStorage();
    const adapter = startBot(storage);
    for (const text of ['am I a candidate?', 'no', 'yes', 'osteoporosis', '3 weeks ago', 'yes', '8', 'no']) await send(adapter, text);
    const [summary] = await send(adapter, 'no');
    expect(channelDataOf(summary).screening).toMatchObject({ status: 'complete', result: 'candidate' });

    const conversation = TestAdapter.createConversation('Convo1').conversation;
    const key = new ConversationState(storage).getStorageKey(new TurnContext(adapter, { channelId: 'test', conversation }));
    if (!key) throw new Error('no storage key');
    const stored = (await storage.read([key]))[key] as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    expect(stored[screeningStateProperty]).toMatchObject({
      completed: {
        outcome: 'candidate',
        questionnaireResponse: { resourceType: 'QuestionnaireResponse', status: 'completed', authored: testToday.toISOString() },
      },
    });
    // The screening is over: the next message is an ordinary question again.
    expect(shape(await send(adapter, 'How long does kyphoplasty take?'))).toEqual(['answer']);
  });
});
