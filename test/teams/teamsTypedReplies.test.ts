/**
 * Teams renders a reply with quotes again from the typed content it was rendered from
 * (src/bot/replies/replyContent.ts), never by reading its Markdown back: over the size limit the last
 * quotes go whole with a note saying how many; an agent's quote keeps its heading; text inside a quote
 * or our wording that looks like a marker or a quote is never taken for one; replies of plain wording
 * keep their text. One invented document, so every expected string is known.
 */
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { loadBotWording } from '../../src/bot/botWording';
import { agentQuoteMessage } from '../../src/bot/handoff/handoffActivities';
import { renderAnswerActivity, type RenderAnswerOptions } from '../../src/bot/replies/renderAnswerActivity';
import { replyContentOf } from '../../src/bot/replies/replyContent';
import { utf16Bytes } from '../../src/channels/teams/quoteTrimming';
import { teamsMarkdown } from '../../src/channels/teams/teamsMarkdown';
import { sourceLine } from '../../src/channels/teams/teamsPaste';
import { envelopeReserveBytes, renderTeamsReply, trimmedNote, type TeamsReplyOptions } from '../../src/channels/teams/teamsReplies';
import { loadTeamsWording } from '../../src/channels/teams/teamsWording';
import type { AnswerResult, Quote } from '../../src/core/answer/answerTypes';
import { escapeMarkdown, quoteBlockquote } from '../../src/core/answer/formatAnswerMarkdown';
import type { KnowledgeDocument } from '../../src/core/content/loadKnowledge';
import { loadAnswerEngine } from '../../src/core/loadAnswerEngine';
import { cardButtons, claimsOf, type TeamsReply } from './teamsActivities';

const engine = loadAnswerEngine();
const teamsWording = loadTeamsWording();
/** A lead-in that looks like a quote paragraph with marker 2, as a regular expression over the Markdown would read it. */
const leadIn = '> What the documents say [2]';
const render: RenderAnswerOptions = {
  wording: loadBotWording(),
  replies: { ...engine.replies, answerLeadIn: leadIn, answerLeadInByType: {} },
  fallbackQuestions: [],
};

const alpha = 'Alpha is done in steps [2] as listed:\n> x\nand then it ends.';
const beta = 'Beta is plain.';
const gamma = `Gamma is long: ${'the same words again '.repeat(150).trim()}.`;
const document: KnowledgeDocument = {
  id: 'invented',
  title: 'Invented guide',
  publisher: 'Test clinic',
  reviewed: '2026-01-02',
  url: 'https://example.org/invented',
  file: 'invented.txt',
  format: 'txt',
  text: `${alpha}\n${beta}\n${gamma}\n`,
};
const documents = new Map([[document.id, document]]);

function quote(text: string): Quote {
  const start = document.text.indexOf(text);
  return { documentId: document.id, title: document.title, url: document.url, publisher: document.publisher, reviewed: document.reviewed, start, end: start + text.length, text, score: 0.5 };
}

function answer(quotes: Quote[], extra: Partial<AnswerResult> = {}): AnswerResult {
  return { outcome: 'answer', quotes, questionType: null, confidence: 0.9, usedContext: false, nextContext: {}, relatedQuestions: [], ...extra };
}

function options(maxMessageBytes = 1024 * 1024): TeamsReplyOptions {
  return { documents, wording: teamsWording, maxMessageBytes };
}

/** A limit two bytes short of what the whole reply takes in Teams. */
function justUnder(activity: Partial<Activity>, paste = false): number {
  return utf16Bytes(renderTeamsReply(activity, options(), paste).activity) + envelopeReserveBytes - 2;
}

function asReply(activity: Partial<Activity>): TeamsReply {
  return JSON.parse(JSON.stringify(activity)) as TeamsReply;
}

const refs = (quotes: Quote[]): Array<{ documentId: string; start: number; end: number }> => quotes.map(({ documentId, start, end }) => ({ documentId, start, end }));
const note = (count: number): string => trimmedNote(teamsWording, count) ?? '';

describe('a reply over Teams’ size limit', () => {
  const quotes = [quote(alpha), quote(beta), quote(gamma)];
  const contract = renderAnswerActivity(answer(quotes), render);

  it('is rendered whole when it fits, from its parts and without reference definitions', () => {
    const fitted = renderTeamsReply(contract, options(), false);
    expect(fitted.dropped).toBe(0);
    expect(fitted.activity.text).toBe([leadIn, ...quotes.map((shown, index) => quoteBlockquote(shown, index + 1))].join('\n\n'));
    expect(claimsOf(asReply(fitted.activity)).map((claim) => claim.position)).toEqual([1, 2, 3]);
  });

  it('drops the last quote whole, everywhere, and says how many were left out', () => {
    const fitted = renderTeamsReply(contract, options(justUnder(contract)), false);
    const reply = asReply(fitted.activity);
    expect(fitted).toMatchObject({ dropped: 1, fits: true });
    expect(reply.text).toBe([leadIn, quoteBlockquote(quotes[0]!, 1), quoteBlockquote(quotes[1]!, 2), `_${note(1)}_`].join('\n\n'));
    expect(reply.channelData?.quotes).toEqual(refs(quotes.slice(0, 2)));
    expect(claimsOf(reply).map((claim) => claim.appearance.abstract)).toEqual([alpha, beta].map((text) => text.replace(/\s+/g, ' ')));
    const feedback = cardButtons(reply).filter((button) => button.data?.['feedback']);
    expect(feedback).toHaveLength(2);
    for (const button of feedback) expect(button.data?.['quotes']).toEqual(refs(quotes.slice(0, 2)));
  });

  it('keeps a lead-in and a quote that contain "[2]" and a line "> x" when quote 2 goes', () => {
    const two = renderAnswerActivity(answer([quote(alpha), quote(gamma)]), render);
    const fitted = renderTeamsReply(two, options(justUnder(two)), false);
    expect(fitted.dropped).toBe(1);
    expect(fitted.activity.text).toBe(`${leadIn}\n\n> Alpha is done in steps \\[2\\] as listed:  \n> \\> x  \n> and then it ends. [1]\n\n_${note(1)}_`);
  });

  it('leaves out every quote when none fits, keeping our words', () => {
    const fitted = renderTeamsReply(contract, options(envelopeReserveBytes + 2000), false);
    const reply = asReply(fitted.activity);
    expect(fitted.dropped).toBe(3);
    expect(reply.text).toBe(`${leadIn}\n\n_${note(3)}_`);
    expect(reply.entities).toBeUndefined();
    expect(reply.channelData?.quotes).toEqual([]);
  });

  it('trims a paste the same way: the last quotes whole, the note at the end', () => {
    const fitted = renderTeamsReply(contract, options(justUnder(contract, true)), true);
    expect(fitted.dropped).toBe(1);
    expect(fitted.activity.text).toBe([alpha, beta].map((text) => `“${text}”\n${sourceLine(document, teamsWording)}`).concat(note(1)).join('\n\n'));
  });
});

describe('a quote an agent picked', () => {
  const heading = 'Sam [2] (clinic staff)';
  const headingMarkdown = `### ${escapeMarkdown(heading)}`;
  const picked = quote(gamma);
  const activity = agentQuoteMessage(heading, answer([quote(beta), picked]), picked, render);

  it('shows its heading above the lead-in and the quote, as in every channel', () => {
    const contractText = activity.text ?? '';
    expect(contractText.startsWith(`${headingMarkdown}\n\n${leadIn}\n\n${quoteBlockquote(picked, 1)}\n\n[1]: `)).toBe(true);
    const fitted = renderTeamsReply(activity, options(), false);
    expect(fitted.activity.text).toBe(`${headingMarkdown}\n\n${leadIn}\n\n${quoteBlockquote(picked, 1)}`);
    expect(claimsOf(asReply(fitted.activity))).toHaveLength(1);
  });

  it('keeps its heading when its quote is left out for size', () => {
    const fitted = renderTeamsReply(activity, options(justUnder(activity)), false);
    expect(fitted.dropped).toBe(1);
    expect(fitted.activity.text).toBe(`${headingMarkdown}\n\n${leadIn}\n\n_${note(1)}_`);
    expect(fitted.activity.entities).toBeUndefined();
  });

  it('pastes as the quote with its source, without heading or marker', () => {
    const fitted = renderTeamsReply(activity, options(), true);
    expect(fitted.activity.textFormat).toBe('plain');
    expect(fitted.activity.text).toBe(`“${gamma}”\n${sourceLine(document, teamsWording)}`);
  });
});

describe('a paste of documents that disagree', () => {
  it('starts with the whole disagreement lead-in, then each quote with its source', () => {
    const result = answer([quote(alpha), quote(beta)], { disagreement: { id: 'invented-timing', topic: 'when to do it' } });
    const lead = engine.replies.disagreementLeadIn.split('{topic}').join('when to do it');
    const fitted = renderTeamsReply(renderAnswerActivity(result, render), options(), true);
    expect(fitted.activity.text).toBe([lead, ...[alpha, beta].map((text) => `“${text}”\n${sourceLine(document, teamsWording)}`)].join('\n\n'));
  });
});

describe('a reply of plain wording', () => {
  it('keeps its text, only with Teams’ hard line breaks, and is never trimmed', () => {
    const text = '> looks like a quote [1]\nnext line\n\n[1]: cite:1 "looks like a definition"';
    const plain: Partial<Activity> = { type: 'message', textFormat: 'markdown', text, channelData: { outcome: 'help', quotes: [] } };
    expect(replyContentOf(plain)).toBeUndefined();
    const fitted = renderTeamsReply(plain, options(), false);
    expect(fitted.dropped).toBe(0);
    expect(fitted.activity.text).toBe(teamsMarkdown(text));
    expect(fitted.activity.text).toBe('> looks like a quote [1]  \nnext line\n\n[1]: cite:1 "looks like a definition"');
  });
});
