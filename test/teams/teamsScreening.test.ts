/**
 * The candidate check in Teams, through the real server: started and answered in a group chat only by
 * clicking the Adaptive Card buttons (Action.Submit: a value and no text, so no @mention is needed),
 * every answer offered on the card (more than the three suggested actions Teams would show), "why do
 * you ask?" with Teams citations, a typed "@Spine Assistant yes" mid-way in a channel, and a summary
 * that reads well in Teams: hard line breaks, bold headings, quotes with Teams citations, buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBotWording } from '../../src/bot/botWording';
import { loadTeamsConfig } from '../../src/channels/teams/teamsConfig';
import { loadAnswerEngine } from '../../src/core/loadAnswerEngine';
import { loadScreening } from '../../src/core/screening/loadScreening';
import { defaultDialogsDir } from '../../src/bot/botWording';
import { startTestAssistant, type TestAssistant } from '../server/assistantHarness';
import { cardButtons, claimsOf, teamsConversation, type TeamsReply } from './teamsActivities';

const engine = loadAnswerEngine();
const screening = loadScreening(defaultDialogsDir, engine.knowledge);
const wording = loadBotWording();
const { actions } = screening.wording;
const documents = new Map(engine.knowledge.documents.map((document) => [document.id, document]));

let harness: TestAssistant;
beforeAll(async () => {
  harness = await startTestAssistant({ engine, teams: loadTeamsConfig({}) });
});
afterAll(async () => {
  await harness?.close();
});

function screeningOf(reply: TeamsReply | undefined): Record<string, unknown> {
  return (reply?.channelData?.['screening'] as Record<string, unknown> | undefined) ?? {};
}

/** The button to click at each question, and the question it should lead to. */
const clicks: Array<[string, string]> = [
  [actions.no, 'imaging'],
  [actions.yes, 'cause'],
  ['Osteoporosis (thin bones)', 'fracture-age'],
  ['Less than 8 weeks', 'pain-despite-treatment'],
  [actions.yes, 'pain-score'],
  ['7', 'height-loss'],
  [actions.unsure, 'blood-thinners'],
];

describe('the candidate check in Teams', () => {
  it('runs on card buttons alone in a group chat and ends with a summary that reads well in Teams', async () => {
    const chat = teamsConversation({ scope: 'groupChat' });
    let { activities } = await harness.send(chat.submit({ action: 'start-screening' }));
    let reply = activities.at(-1);
    expect(screeningOf(reply)).toEqual({ status: 'asking', questionId: 'red-flags' });

    for (const [title, next] of clicks) {
      const buttons = cardButtons(reply ?? { type: 'message' });
      expect(reply?.suggestedActions).toBeUndefined();
      expect(buttons.at(-1)?.title).toBe(actions.why);
      const button = buttons.find((candidate) => candidate.title === title);
      expect(button?.data).toEqual({ reply: title, questionId: screeningOf(reply)['questionId'] });
      ({ activities } = await harness.send(chat.submit(button?.data ?? {})));
      reply = activities.at(-1);
      expect(screeningOf(reply)).toEqual({ status: 'asking', questionId: next });
      const question = screening.questions.find((candidate) => candidate.id === next);
      // Every answer is on the card — more than the three suggested actions Teams shows.
      if (question?.type === 'choice' || next === 'pain-score') expect(cardButtons(reply ?? { type: 'message' }).length).toBeGreaterThan(3);
    }

    const last = cardButtons(reply ?? { type: 'message' }).find((button) => button.title === actions.no);
    const summary = (await harness.send(chat.submit(last?.data ?? {}))).activities.at(-1) ?? { type: 'message' };
    expect(screeningOf(summary)).toMatchObject({ status: 'complete', result: 'candidate' });
    const text = summary.text ?? '';
    // Each answer on its own line (Teams ignores single line breaks; these are hard breaks).
    const answerLines = text.split('\n').filter((line) => line.startsWith('- '));
    expect(answerLines.length).toBeGreaterThanOrEqual(clicks.length);
    expect(answerLines.slice(0, -1).every((line) => line.endsWith('  '))).toBe(true);
    expect(text).toContain(`**${screening.wording.summary.answersHeading}**`);
    expect(text).toContain(screening.wording.summary.outcomes.candidate);
    expect(text).not.toMatch(/^\[\d+\]: /m);
    const quotes = summary.channelData?.quotes ?? [];
    const claims = claimsOf(summary);
    expect(claims).toHaveLength(quotes.length);
    quotes.forEach((quote, index) => {
      const card = JSON.parse(claims[index]?.appearance.text ?? '{}') as { body: Array<{ inlines: Array<{ text: string }> }> };
      expect(card.body[0]?.inlines[0]?.text).toBe(documents.get(quote.documentId)?.text.slice(quote.start, quote.end));
      expect(text).toContain(` [${index + 1}]`);
    });
    expect(cardButtons(summary).map((button) => button.title)).toContain(wording.actions.talkToPerson);
  });

  it('does not take a button of an earlier question as the answer to the current one', async () => {
    const chat = teamsConversation({ scope: 'groupChat' });
    const first = (await harness.send(chat.submit({ action: 'start-screening' }))).activities.at(-1) ?? { type: 'message' };
    const firstNo = cardButtons(first).find((button) => button.title === actions.no);
    const second = (await harness.send(chat.submit(firstNo?.data ?? {}))).activities.at(-1);
    expect(screeningOf(second)).toEqual({ status: 'asking', questionId: 'imaging' });
    // The red-flag question's card is still on screen; its "No" is clicked again.
    const again = (await harness.send(chat.submit(firstNo?.data ?? {}))).activities;
    expect(again).toHaveLength(1);
    expect(screeningOf(again[0])).toEqual({ status: 'asking', questionId: 'imaging' });
    expect(again[0]?.text).toContain(screening.wording.resume);
  });

  it('answers "why do you ask?" with Teams citations, and takes a typed "@Spine Assistant yes" in a channel', async () => {
    const chat = teamsConversation({ scope: 'channel' });
    await harness.send(chat.mentioning('am I a candidate?'));
    const { activities } = await harness.send(chat.submit({ reply: actions.why }));
    expect(activities.map((reply) => screeningOf(reply)['questionId'])).toEqual(['red-flags', 'red-flags']);
    const why = activities[0] ?? { type: 'message' };
    expect(claimsOf(why).length).toBe(why.channelData?.quotes?.length);
    expect(claimsOf(why).length).toBeGreaterThan(0);

    const typed = await harness.send(chat.mentioning(actions.no.toLowerCase()));
    expect(screeningOf(typed.activities.at(-1))).toEqual({ status: 'asking', questionId: 'imaging' });
    // Not mentioned, not a button: not for the bot.
    expect((await harness.send(chat.message('yes'))).activities).toHaveLength(0);
  });
});
