/**
 * Teams end to end: Teams-shaped activities through the real server (POST /api/messages with
 * deliveryMode expectReplies) and the real bot and engine — personal chat, group chat and channel,
 * @mentions, the install welcome, citations in Teams' format, Adaptive Card buttons and their
 * Action.Submit values, staff answers to paste, and what is (not) logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBotWording } from '../../src/bot/botWording';
import { loadTeamsConfig } from '../../src/channels/teams/teamsConfig';
import { loadTeamsWording } from '../../src/channels/teams/teamsWording';
import { loadAnswerEngine } from '../../src/core/loadAnswerEngine';
import { startTestAssistant, type TestAssistant } from '../server/assistantHarness';
import { cardButtons, claimsOf, clinicTenantId, otherTenantId, teamsBot, teamsConversation, type TeamsReply } from './teamsActivities';

const engine = loadAnswerEngine();
const wording = loadBotWording();
const teamsWording = loadTeamsWording();
const documents = new Map(engine.knowledge.documents.map((document) => [document.id, document]));
const question = 'how long does kyphoplasty take?';

function verbatim(quote: { documentId: string; start: number; end: number }): string {
  return documents.get(quote.documentId)?.text.slice(quote.start, quote.end) ?? '';
}

function onlyReply(activities: TeamsReply[]): TeamsReply {
  expect(activities).toHaveLength(1);
  const [reply] = activities;
  if (!reply) throw new Error('no reply');
  return reply;
}

let harness: TestAssistant;
beforeAll(async () => {
  harness = await startTestAssistant({
    engine,
    env: { DEBUG_LOG_MESSAGE_TEXT: 'true' },
    teams: loadTeamsConfig({ TEAMS_STAFF: 'tenant', TEAMS_TENANT_ID: clinicTenantId }),
  });
});
afterAll(async () => {
  await harness?.close();
});

/** The message text the bot worked with in the last turn of a conversation (debug turn reports). */
function cleanedText(): unknown {
  return harness.logs.filter((line) => line['event'] === 'turn.completed').at(-1)?.['debugText'];
}

describe('answers in Teams', () => {
  it('answers in a personal chat with Markdown quotes, Teams citations and card buttons', async () => {
    const chat = teamsConversation();
    const { status, activities } = await harness.send(chat.message(question));
    expect(status).toBe(200);
    const reply = onlyReply(activities);
    const quotes = reply.channelData?.quotes ?? [];
    expect(reply.channelData?.outcome).toBe('answer');
    expect(quotes.length).toBeGreaterThan(0);
    expect(reply.textFormat).toBe('markdown');

    // Markers [n] follow blockquotes; no reference definitions (Teams would print them).
    const text = reply.text ?? '';
    expect(text).not.toMatch(/^\[\d+\]: /m);
    const claims = claimsOf(reply);
    expect(claims).toHaveLength(quotes.length);
    quotes.forEach((quote, index) => {
      const claim = claims[index];
      expect(claim?.position).toBe(index + 1);
      expect(text).toMatch(new RegExp(`^>.* \\[${index + 1}\\]$`, 'm'));
      expect(claim?.appearance['@type']).toBe('DigitalDocument');
      expect(claim?.appearance.name.length).toBeLessThanOrEqual(80);
      expect(claim?.appearance.abstract.length).toBeLessThanOrEqual(160);
      expect(claim?.appearance.encodingFormat).toBe('application/vnd.microsoft.card.adaptive');
      const card = JSON.parse(claim?.appearance.text ?? '{}') as { type: string; body: Array<{ inlines: Array<{ text: string }> }> };
      expect(card.type).toBe('AdaptiveCard');
      expect(card.body[0]?.inlines[0]?.text).toBe(verbatim(quote));
      expect(card.body[1]?.inlines[0]?.text).toContain(documents.get(quote.documentId)?.title);
    });
    // Nothing is generated, so no "AI generated" label.
    const entity = reply.entities?.find((candidate) => candidate['type'] === 'https://schema.org/Message');
    expect(entity?.['additionalType']).toBeUndefined();
    expect(JSON.stringify(reply)).not.toContain('AIGeneratedContent');

    // Buttons: an Adaptive Card of Action.Submit, no suggested actions (Teams shows three at most).
    expect(reply.suggestedActions).toBeUndefined();
    const buttons = cardButtons(reply);
    expect(buttons.every((button) => button.type === 'Action.Submit')).toBe(true);
    expect(buttons.find((button) => button.title === wording.actions.helpful)?.data).toEqual({ feedback: 'helpful', outcome: 'answer', quotes });
    expect(buttons.filter((button) => typeof button.data?.['reply'] === 'string').length).toBeGreaterThan(0);
  });

  it('answers "@Spine Assistant …" in a channel with the mention removed', async () => {
    const personal = onlyReply((await harness.send(teamsConversation().message(question))).activities);
    const chat = teamsConversation({ scope: 'channel' });
    const reply = onlyReply((await harness.send(chat.mentioning(question))).activities);
    expect(cleanedText()).toBe(question);
    expect(reply.channelData?.outcome).toBe('answer');
    expect(reply.channelData?.quotes).toEqual(personal.channelData?.quotes);
    expect(reply.text).not.toContain('<at>');
  });

  it('is not thrown by a mention entity without its fields', async () => {
    for (const chat of [teamsConversation(), teamsConversation({ scope: 'channel' })]) {
      const message = { ...chat.mentioning(question), entities: [{ type: 'mention', text: '<at>Spine Assistant</at>', mentioned: teamsBot }, { type: 'mention' }] };
      const reply = onlyReply((await harness.send(message)).activities);
      expect(reply.channelData?.outcome).toBe('answer');
    }
  });

  it('stays silent in channels and group chats when the bot is not mentioned', async () => {
    for (const scope of ['channel', 'groupChat'] as const) {
      const chat = teamsConversation({ scope });
      const { status, activities } = await harness.send(chat.message(question));
      expect(status).toBe(200);
      expect(activities).toHaveLength(0);
      const mentioned = await harness.send(chat.mentioning(question));
      expect(onlyReply(mentioned.activities).channelData?.outcome).toBe('answer');
    }
  });

  it('still puts the emergency instruction first, on its own, when mentioned', async () => {
    const chat = teamsConversation({ scope: 'groupChat' });
    const reply: TeamsReply = (await harness.send(chat.mentioning('I suddenly cannot feel my legs'))).activities[0] ?? { type: 'message' };
    expect(reply.channelData?.outcome).toBe('emergency');
    expect(reply.attachments ?? []).toHaveLength(0);
    expect(claimsOf(reply)).toHaveLength(0);
  });
});

describe('welcome on install', () => {
  it.each(['personal', 'groupChat', 'channel'] as const)('welcomes once when the app is installed (%s)', async (scope) => {
    const chat = teamsConversation({ scope });
    const reply = onlyReply((await harness.send(chat.installed())).activities);
    expect(reply.channelData?.outcome).toBe('help');
    expect(reply.text).toContain(wording.welcome.disclaimer);
    expect(cardButtons(reply).map((button) => [button.title, button.data])).toEqual([
      [wording.actions.startScreening, { action: 'start-screening' }],
      [wording.actions.askQuestion, { action: 'ask-question' }],
      [wording.actions.talkToPerson, { action: 'talk-to-person' }],
    ]);
  });

  it('does not greet every person who joins a team or group chat', async () => {
    for (const scope of ['channel', 'groupChat'] as const) {
      const { activities } = await harness.send(teamsConversation({ scope }).personJoined());
      expect(activities).toHaveLength(0);
    }
  });
});

describe('Action.Submit values (a value and no text)', () => {
  it('runs the welcome actions and feedback from card buttons, also in a channel without a mention', async () => {
    const chat = teamsConversation({ scope: 'channel' });
    const other = teamsConversation({ scope: 'channel' });
    const handoff = (await harness.send(other.submit({ action: 'talk-to-person' }))).activities;
    expect(handoff[0]?.channelData?.outcome).toBe('handoff');
    const answer = onlyReply((await harness.send(chat.mentioning(question))).activities);
    const helpful = cardButtons(answer).find((button) => button.title === wording.actions.helpful);
    const thanks = onlyReply((await harness.send(chat.submit(helpful?.data ?? {}))).activities);
    expect(thanks.channelData?.outcome).toBe('smalltalk');
    expect(thanks.text).toContain(wording.replies.feedbackHelpful);
  });

  it('sends a suggested question back as the question', async () => {
    const chat = teamsConversation();
    const offer = onlyReply((await harness.send(chat.submit({ action: 'ask-question' }))).activities);
    const suggestion = cardButtons(offer).find((button) => typeof button.data?.['reply'] === 'string');
    expect(suggestion?.data?.['reply']).toBe(suggestion?.title);
    const reply = onlyReply((await harness.send(chat.submit(suggestion?.data ?? {}))).activities);
    expect(['answer', 'no-answer']).toContain(reply.channelData?.outcome);
  });
});

describe('staff answers to paste', () => {
  it('gives staff of the clinic tenant the quote and its source as plain text', async () => {
    const chat = teamsConversation({ tenantId: clinicTenantId });
    const reply = onlyReply((await harness.send(chat.message(`paste: ${question}`))).activities);
    expect(reply.textFormat).toBe('plain');
    expect(reply.channelData).toMatchObject({ outcome: 'answer', format: 'paste' });
    const quotes = reply.channelData?.quotes ?? [];
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) {
      const document = documents.get(quote.documentId);
      expect(reply.text).toContain(`“${verbatim(quote)}”\n${teamsWording.paste.sourceLabel}: ${document?.title}`);
    }
    expect(reply.text).not.toMatch(/\[\d+\]/);
    expect(reply.entities ?? []).toHaveLength(0);
    expect(reply.attachments ?? []).toHaveLength(0);
  });

  it('works after an @mention in a channel', async () => {
    const chat = teamsConversation({ scope: 'channel', tenantId: clinicTenantId });
    const reply = onlyReply((await harness.send(chat.mentioning('paste: what is PMMA?'))).activities);
    expect(reply.channelData).toMatchObject({ outcome: 'answer', format: 'paste' });
    expect(cleanedText()).toBe('what is PMMA?');
  });

  it('gives anyone else the usual answer after a short note', async () => {
    const chat = teamsConversation({ tenantId: otherTenantId });
    const { activities } = await harness.send(chat.message(`paste: ${question}`));
    expect(activities.map((reply) => reply.channelData?.outcome)).toEqual(['help', 'answer']);
    expect(activities[0]?.text).toBe(teamsWording.paste.staffOnly);
    expect(activities[1]?.textFormat).toBe('markdown');
    expect(claimsOf(activities[1] ?? { type: 'message' }).length).toBeGreaterThan(0);
  });
});

describe('logs', () => {
  it('name Teams events by ids and counts, never the message or the quotes', async () => {
    const secret = 'paste: what is the recovery time after vertebroplasty';
    const chat = teamsConversation({ scope: 'channel', tenantId: clinicTenantId });
    await harness.send(chat.mentioning(secret));
    const lines = harness.rawLogs.filter((line) => !line.includes('"debugText"'));
    expect(lines.join('\n')).not.toContain('recovery time after');
    expect(harness.logs.some((line) => line['event'] === 'teams.pasteRequest' && line['staff'] === true)).toBe(true);
  });
});
