/**
 * Teams' message size: a long answer (forty of the documents' longest passages) is rendered for Teams
 * under the 28 KB limit by dropping whole quotes, the last first — every quote kept is shown whole, the
 * citations, `channelData.quotes` and the feedback buttons list exactly the quotes kept, and a note says
 * how many were left out. The same through the real server with a lower limit, and for staff pastes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { loadBotWording } from '../../src/bot/botWording';
import { renderAnswerActivity } from '../../src/bot/replies/renderAnswerActivity';
import { utf16Bytes } from '../../src/channels/teams/quoteTrimming';
import { loadTeamsConfig, teamsMessageLimitBytes } from '../../src/channels/teams/teamsConfig';
import { teamsMarkdown } from '../../src/channels/teams/teamsMarkdown';
import { renderTeamsReply, trimmedNote, type TeamsReplyOptions } from '../../src/channels/teams/teamsReplies';
import { loadTeamsWording } from '../../src/channels/teams/teamsWording';
import type { AnswerResult, Quote } from '../../src/core/answer/answerTypes';
import { quoteBlockquote } from '../../src/core/answer/formatAnswerMarkdown';
import { loadAnswerEngine } from '../../src/core/loadAnswerEngine';
import { startTestAssistant, type TestAssistant } from '../server/assistantHarness';
import { cardButtons, claimsOf, teamsConversation, type TeamsReply } from './teamsActivities';

const engine = loadAnswerEngine();
const wording = loadBotWording();
const teamsWording = loadTeamsWording();
const documents = new Map(engine.knowledge.documents.map((document) => [document.id, document]));
const options: TeamsReplyOptions = { documents, wording: teamsWording, maxMessageBytes: teamsMessageLimitBytes };

/** Forty of the longest passages, as the quotes of one answer. */
const longQuotes: Quote[] = [...engine.passages]
  .sort((a, b) => b.text.length - a.text.length)
  .slice(0, 40)
  .map((passage) => {
    const document = documents.get(passage.documentId);
    return { documentId: passage.documentId, title: document?.title ?? '', start: passage.start, end: passage.end, text: passage.text, score: 0.5 };
  });

const longAnswer: AnswerResult = {
  outcome: 'answer',
  quotes: longQuotes,
  questionType: null,
  confidence: 0.9,
  usedContext: false,
  nextContext: {},
  relatedQuestions: [],
};

const contract = renderAnswerActivity(longAnswer, { wording, replies: engine.replies, fallbackQuestions: [] });

function asReply(activity: Partial<Activity>): TeamsReply {
  return JSON.parse(JSON.stringify(activity)) as TeamsReply;
}

describe('a long answer in Teams', () => {
  it('is over the limit as a whole', () => {
    expect(utf16Bytes(contract)).toBeGreaterThan(teamsMessageLimitBytes);
  });

  it('drops whole quotes, the last first, until it fits, and says so', () => {
    const fitted = renderTeamsReply(contract, options, false);
    const reply = asReply(fitted.activity);
    expect(fitted.fits).toBe(true);
    expect(utf16Bytes(fitted.activity)).toBeLessThanOrEqual(teamsMessageLimitBytes);
    expect(fitted.dropped).toBeGreaterThan(0);
    const kept = longQuotes.length - fitted.dropped;
    expect(kept).toBeGreaterThan(0);

    const text = reply.text ?? '';
    longQuotes.forEach((quote, index) => {
      const shown = teamsMarkdown(quoteBlockquote(quote, index + 1));
      if (index < kept) expect(text).toContain(shown);
      else expect(text).not.toContain(` [${index + 1}]`);
    });
    expect(reply.channelData?.quotes).toEqual(longQuotes.slice(0, kept).map(({ documentId, start, end }) => ({ documentId, start, end })));
    expect(claimsOf(reply).map((claim) => claim.position)).toEqual(Array.from({ length: kept }, (_, index) => index + 1));
    for (const button of cardButtons(reply).filter((candidate) => candidate.data?.['feedback'])) {
      expect(button.data?.['quotes']).toEqual(reply.channelData?.quotes);
    }
    expect(text.endsWith(`_${trimmedNote(teamsWording, fitted.dropped) ?? ''}_`)).toBe(true);
  });

  it('keeps every quote of an answer that fits, without a note', () => {
    const short = renderAnswerActivity({ ...longAnswer, quotes: longQuotes.slice(-2) }, { wording, replies: engine.replies, fallbackQuestions: [] });
    const fitted = renderTeamsReply(short, options, false);
    expect(fitted.dropped).toBe(0);
    expect(claimsOf(asReply(fitted.activity))).toHaveLength(2);
    expect(fitted.activity.text).not.toContain(teamsWording.trimmed.split('{count}')[1] ?? '');
  });

  it('trims an answer to paste the same way: whole quotes, plain text, a note at the end', () => {
    const fitted = renderTeamsReply(contract, options, true);
    const text = fitted.activity.text ?? '';
    expect(fitted.activity.textFormat).toBe('plain');
    expect(utf16Bytes(fitted.activity)).toBeLessThanOrEqual(teamsMessageLimitBytes);
    const kept = longQuotes.length - fitted.dropped;
    expect(kept).toBeGreaterThan(0);
    longQuotes.forEach((quote, index) => {
      if (index < kept) expect(text).toContain(`“${quote.text}”`);
    });
    expect(text.endsWith(trimmedNote(teamsWording, fitted.dropped) ?? '')).toBe(true);
  });
});

describe('through the server with a lower limit', () => {
  let harness: TestAssistant;
  const limit = 8192;
  beforeAll(async () => {
    harness = await startTestAssistant({ engine, teams: loadTeamsConfig({ TEAMS_MAX_MESSAGE_BYTES: String(limit) }) });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('sends fewer, whole quotes within the limit', async () => {
    const question = 'how long does kyphoplasty take?';
    const full = engine.answer(question).quotes;
    const reply = (await harness.send(teamsConversation().message(question))).activities[0] ?? { type: 'message' };
    const quotes = reply.channelData?.quotes ?? [];
    expect(JSON.stringify(reply).length * 2).toBeLessThanOrEqual(limit);
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.length).toBeLessThan(full.length);
    expect(quotes).toEqual(full.slice(0, quotes.length).map(({ documentId, start, end }) => ({ documentId, start, end })));
    full.slice(0, quotes.length).forEach((quote, index) => expect(reply.text).toContain(teamsMarkdown(quoteBlockquote(quote, index + 1))));
    expect(reply.text).toContain(trimmedNote(teamsWording, full.length - quotes.length));
    expect(harness.logs.some((line) => line['event'] === 'teams.trimmed' && line['dropped'] === full.length - quotes.length)).toBe(true);
  });
});
