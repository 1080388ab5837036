/**
 * POST /api/messages against the real server and the real answer engine, with deliveryMode
 * expectReplies: welcome, answers per the reply contract (DESIGN.md §3), emergency, no-answer,
 * small talk, the welcome's actions, and what is logged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBotWording } from '../../src/bot/botWording';
import { hashConversationId } from '../../src/bot/conversationHash';
import { startTestAssistant, testConversation, type ReplyActivity, type TestAssistant } from './assistantHarness';
import { emergencyInstructions } from '../../src/core/safety/emergencyInstructions';
import { redFlagsSchema } from '../../src/core/safety/redFlagSchema';

const repo = path.resolve(__dirname, '../..');
const wording = loadBotWording();
const emergencyInstruction = emergencyInstructions(redFlagsSchema.parse(JSON.parse(readFileSync(path.join(repo, 'knowledge/redFlags.json'), 'utf8')))).emergency;
const catalog = JSON.parse(readFileSync(path.join(repo, 'knowledge/catalog.json'), 'utf8')) as {
  documents: Array<{ id: string; file: string; title: string; reviewed: string }>;
};

function documentText(documentId: string): string {
  const entry = catalog.documents.find((document) => document.id === documentId);
  if (!entry) throw new Error(`unknown document ${documentId}`);
  return readFileSync(path.join(repo, 'knowledge/documents', entry.file), 'utf8');
}

function onlyReply(activities: ReplyActivity[]): ReplyActivity {
  expect(activities).toHaveLength(1);
  const [reply] = activities;
  if (!reply) throw new Error('no reply');
  return reply;
}

/** The first reply; an emergency is followed by an offer of a person, a handoff by its handoff.initiate event. */
function firstReply(activities: ReplyActivity[]): ReplyActivity {
  const [reply] = activities;
  if (!reply) throw new Error('no reply');
  return reply;
}

const answerQuestion = 'How long does kyphoplasty take?';
const emergencyMessage = 'I suddenly cannot feel my legs';
const offTopicQuestion = 'What is the capital of France?';

let harness: TestAssistant;
beforeAll(async () => {
  harness = await startTestAssistant({ env: { CLINIC_PHONE: '+1 555 0100' } });
});
afterAll(async () => {
  await harness?.close();
});

describe('welcome', () => {
  it('greets an added user once with the disclaimer and the three main actions', async () => {
    const chat = testConversation();
    const { status, activities } = await harness.send(chat.membersAdded(chat.bot, chat.user));
    expect(status).toBe(200);
    const reply = onlyReply(activities);
    expect(reply.text).toContain(wording.welcome.disclaimer);
    expect(reply.channelData?.outcome).toBe('help');
    expect(reply.suggestedActions?.actions.map((action) => action.title)).toEqual([
      wording.actions.startScreening,
      wording.actions.askQuestion,
      wording.actions.talkToPerson,
    ]);
  });

  it('greets in Teams too (TeamsActivityHandler routes members added to the welcome)', async () => {
    const chat = testConversation('msteams');
    const { activities } = await harness.send({ ...chat.membersAdded(chat.user), channelData: { tenant: { id: 't1' } } });
    expect(onlyReply(activities).text).toContain(wording.welcome.disclaimer);
  });

  it('does not greet when only the bot joins', async () => {
    const chat = testConversation();
    const { status, activities } = await harness.send(chat.membersAdded(chat.bot));
    expect(status).toBe(200);
    expect(activities).toHaveLength(0);
  });
});

describe('answers', () => {
  it('follows the reply contract: Markdown quotes with markers, one citation entity, channelData', async () => {
    const chat = testConversation();
    const reply = onlyReply((await harness.send(chat.message(answerQuestion))).activities);
    const quotes = reply.channelData?.quotes ?? [];
    expect(reply.channelData?.outcome).toBe('answer');
    expect(quotes.length).toBeGreaterThan(0);
    expect(reply.textFormat).toBe('markdown');

    expect(reply.entities).toHaveLength(1);
    const entity = reply.entities?.[0] ?? {};
    expect(entity).toMatchObject({
      '@context': 'https://schema.org',
      '@id': '',
      '@type': 'Message',
      type: 'https://schema.org/Message',
    });
    const citations = entity['citation'] as Array<{ position: number; appearance: Record<string, string> }>;
    expect(citations).toHaveLength(quotes.length);

    const text = reply.text ?? '';
    const unescaped = text.replace(/\\(.)/g, '$1');
    expect(text).not.toContain(answerQuestion);
    quotes.forEach((quote, index) => {
      const n = index + 1;
      const verbatim = documentText(quote.documentId).slice(quote.start, quote.end);
      const citation = citations[index];
      expect(citation?.position).toBe(n);
      expect(citation?.appearance['@type']).toBe('DigitalDocument');
      expect(citation?.appearance['text']).toBe(verbatim);
      expect(citation?.appearance['name']?.length).toBeLessThanOrEqual(80);
      expect(citation?.appearance['abstract']?.length).toBeLessThanOrEqual(160);
      // The name is the title (shortened when needed) and the date the clinic reviewed the document.
      const entry = catalog.documents.find((d) => d.id === quote.documentId);
      const [title, ...details] = (citation?.appearance['name'] ?? '').split(' · ');
      expect(entry?.title.startsWith((title ?? '').replace(/…$/, ''))).toBe(true);
      expect(details.at(-1)).toBe(`reviewed ${entry?.reviewed}`);
      // The first line of the quote appears in a blockquote, the marker follows, the reference is defined.
      const firstLine = verbatim.split('\n')[0]?.trim() ?? '';
      expect(unescaped).toMatch(new RegExp(`^>.*${escapeRegExp(firstLine.slice(0, 40))}`, 'm'));
      expect(text).toContain(`[${n}]`);
      expect(text).toMatch(new RegExp(`^\\[${n}\\]: \\S+ ".+"$`, 'm'));
    });

    const actions = reply.suggestedActions?.actions ?? [];
    expect(actions.find((action) => action.title === wording.actions.helpful)?.value).toEqual({
      feedback: 'helpful',
      outcome: 'answer',
      quotes,
    });
    expect(actions.some((action) => action.title === wording.actions.notHelpful)).toBe(true);
  });

  it('answers a follow-up with the previous topic from conversation state, per conversation', async () => {
    const followUp = 'how long does it take?';
    const chat = testConversation();
    await harness.send(chat.message('What is kyphoplasty?'));
    const reply = onlyReply((await harness.send(chat.message(followUp))).activities);
    expect(reply.channelData?.outcome).toBe('answer');
    expect(answerLog(chat.conversationId)?.['usedContext']).toBe(true);

    // The same follow-up in a new conversation has no topic to use.
    const fresh = testConversation();
    await harness.send(fresh.message(followUp));
    expect(answerLog(fresh.conversationId)?.['usedContext']).toBe(false);
  });
});

describe('emergency, no-answer and small talk', () => {
  it('gives the emergency instruction alone', async () => {
    const chat = testConversation();
    const replies = (await harness.send(chat.message(emergencyMessage))).activities;
    // The instruction stands alone in its message; an offer of a person follows in a message of its own.
    expect(replies.map((reply) => reply.channelData?.outcome)).toEqual(['emergency', 'handoff']);
    const reply = firstReply(replies);
    expect(reply.channelData?.quotes).toEqual([]);
    expect(reply.text).toContain(emergencyInstruction);
    expect(reply.entities ?? []).toHaveLength(0);
    expect(reply.suggestedActions).toBeUndefined();
  });

  it('abstains on an off-topic question, offers a person and suggests questions', async () => {
    const chat = testConversation();
    const reply = onlyReply((await harness.send(chat.message(offTopicQuestion))).activities);
    expect(reply.channelData).toMatchObject({ outcome: 'no-answer', quotes: [], noAnswerReason: 'not-covered' });
    expect(reply.entities ?? []).toHaveLength(0);
    expect(reply.text).not.toContain('France');
    const actions = reply.suggestedActions?.actions ?? [];
    expect(actions.find((action) => action.title === wording.actions.talkToPerson)?.value).toEqual({ action: 'talk-to-person' });
    expect(actions.filter((action) => action.type === 'imBack').length).toBeGreaterThan(0);
  });

  it('replies to small talk with outcome smalltalk', async () => {
    const chat = testConversation();
    const reply = onlyReply((await harness.send(chat.message('hello'))).activities);
    expect(reply.channelData).toMatchObject({ outcome: 'smalltalk', quotes: [] });
    expect(reply.text?.length).toBeGreaterThan(0);
  });
});

describe('the welcome actions', () => {
  it.each([
    ['start-screening', 'screening'],
    ['ask-question', 'help'],
    ['talk-to-person', 'handoff'],
  ])('answers the %s action with outcome %s', async (action, outcome) => {
    const chat = testConversation();
    const reply = firstReply((await harness.send(chat.message('', { action }))).activities);
    expect(reply.channelData?.outcome).toBe(outcome);
  });

  it('starts a handoff to a person when asked for one (typed title works too; see test/handoff)', async () => {
    const chat = testConversation();
    const replies = (await harness.send(chat.message(wording.actions.talkToPerson.toLowerCase()))).activities;
    expect(firstReply(replies).channelData?.outcome).toBe('handoff');
    expect(replies.map((reply) => reply.type)).toEqual(['message', 'event']);
  });

  it('offers the documents\' questions after "ask a question"', async () => {
    const chat = testConversation();
    const reply = onlyReply((await harness.send(chat.message('', { action: 'ask-question' }))).activities);
    const questions = (reply.suggestedActions?.actions ?? []).filter((action) => action.type === 'imBack');
    expect(questions.length).toBeGreaterThan(0);
    expect(questions.every((action) => action.value === action.title)).toBe(true);
  });

  it('treats free text that comes with an action value as a question (red flags still run)', async () => {
    const chat = testConversation();
    const reply = firstReply((await harness.send(chat.message(emergencyMessage, { action: 'talk-to-person' }))).activities);
    expect(reply.channelData?.outcome).toBe('emergency');
  });
});

describe('logging', () => {
  it('never logs message text or quotes', async () => {
    const chat = testConversation();
    const { activities } = await harness.send(chat.message(answerQuestion));
    const quoteTexts = activities.flatMap((activity) =>
      (activity.channelData?.quotes ?? []).map((quote) => documentText(quote.documentId).slice(quote.start, quote.end)),
    );
    const logged = harness.rawLogs.join('\n');
    for (const secret of [answerQuestion, emergencyMessage, offTopicQuestion, 'France', ...quoteTexts.map((q) => q.slice(0, 30))]) {
      expect(logged).not.toContain(secret);
    }
    expect(logged).not.toContain(chat.conversationId);
    expect(harness.logs.some((line) => line['event'] === 'bot.answer' && line['outcome'] === 'answer')).toBe(true);
  });
});

function answerLog(conversationId: string): Record<string, unknown> | undefined {
  const lines = harness.logs.filter((line) => line['event'] === 'bot.answer' && line['conversation'] === hashOf(conversationId));
  return lines.at(-1);
}

function hashOf(conversationId: string): string {
  return hashConversationId(conversationId);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
