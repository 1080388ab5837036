/**
 * A whole screening over HTTP: POST /api/messages with deliveryMode expectReplies against the real
 * server, bot and answer engine (src/index.ts's startSpineAssistant). Checks the reply contract of
 * screening replies (channelData, Markdown quotes, citations, suggested actions) and what is logged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAssistant, testConversation, type ReplyActivity, type TestAssistant } from '../server/assistantHarness';
import { screening, wording } from './screeningTestKit';

const repo = path.resolve(__dirname, '../..');
const catalog = JSON.parse(readFileSync(path.join(repo, 'knowledge/catalog.json'), 'utf8')) as { documents: Array<{ id: string; file: string }> };

function documentText(documentId: string): string {
  const entry = catalog.documents.find((document) => document.id === documentId);
  if (!entry) throw new Error(`unknown document ${documentId}`);
  return readFileSync(path.join(repo, 'knowledge/documents', entry.file), 'utf8');
}

let harness: TestAssistant;
beforeAll(async () => {
  harness = await startTestAssistant();
});
afterAll(async () => {
  await harness?.close();
});

/** What the user says (text, or a suggested action's message-back value) and where the screening should be after it. */
const candidateScreening: Array<[string, unknown, string]> = [
  ['', { action: 'start-screening' }, 'red-flags'],
  ['No', undefined, 'imaging'],
  ['yes, an X-ray', undefined, 'cause'],
  ['Osteoporosis (thin bones)', undefined, 'fracture-age'],
  ['Less than 8 weeks', undefined, 'pain-despite-treatment'],
  ['Yes', undefined, 'pain-score'],
  ['7', undefined, 'height-loss'],
  ['Not sure', undefined, 'blood-thinners'],
];

describe('a full screening through /api/messages', () => {
  it('asks each question with its answers as suggested actions and ends with a quoted summary', async () => {
    const chat = testConversation();
    for (const [text, value, questionId] of candidateScreening) {
      const { status, activities } = await harness.send(chat.message(text, value));
      expect(status).toBe(200);
      expect(activities).toHaveLength(1);
      const [reply] = activities;
      expect(reply?.channelData).toMatchObject({ outcome: 'screening', quotes: [], screening: { status: 'asking', questionId } });
      const question = screening.questions.find((candidate) => candidate.id === questionId);
      expect(reply?.text).toContain(question?.text);
      const titles = reply?.suggestedActions?.actions.map((action) => action.title) ?? [];
      expect(titles.at(-1)).toBe(screening.wording.actions.why);
    }

    const { activities } = await harness.send(chat.message('no'));
    const summary = activities[0] as ReplyActivity;
    expect(activities).toHaveLength(1);
    expect(summary.channelData).toMatchObject({
      outcome: 'screening',
      screening: {
        status: 'complete',
        result: 'candidate',
        answers: {
          'red-flags': { kind: 'yes-no', value: 'no' },
          cause: { kind: 'choice', value: 'osteoporosis' },
          'fracture-age': { kind: 'duration', amount: 8, unit: 'week', comparator: '<' },
          'pain-score': { kind: 'number', value: 7 },
          'height-loss': { kind: 'unsure' },
        },
        reasons: ['imaging-confirmed', 'cause-osteoporosis', 'recent-fracture', 'pain-not-relieved'],
      },
    });
    // Each reason's quotes: verbatim in their documents, as blockquotes with markers and one citation entity.
    const quotes = summary.channelData?.quotes ?? [];
    expect(quotes.length).toBeGreaterThanOrEqual(4);
    const citations = summary.entities?.[0]?.['citation'] as Array<{ position: number; appearance: { text: string } }>;
    expect(citations).toHaveLength(quotes.length);
    const unescaped = (summary.text ?? '').replace(/\\(.)/g, '$1');
    quotes.forEach((quote, index) => {
      const verbatim = documentText(quote.documentId).slice(quote.start, quote.end);
      expect(citations[index]?.appearance.text).toBe(verbatim);
      expect(unescaped).toContain(`> ${verbatim} [${index + 1}]`);
    });
    expect(summary.text).toContain(screening.wording.summary.outcomes.candidate);
    expect(summary.text).toContain(screening.wording.summary.disclaimer);
    expect(summary.suggestedActions?.actions.map((action) => action.title)).toContain(wording.actions.talkToPerson);
  });

  it('answers a question mid-way, stops for an emergency, and logs no answers', async () => {
    const chat = testConversation();
    await harness.send(chat.message('am I a candidate?'));
    const mid = await harness.send(chat.message('what is PMMA?'));
    expect(mid.activities.map((reply) => reply.channelData?.outcome)).toEqual(['answer', 'screening']);
    const emergency = await harness.send(chat.message('I have lost control of my bladder'));
    // The same care as outside the screening: the instruction alone, then the offer of a person with its button.
    expect(emergency.activities.map((reply) => reply.channelData?.outcome)).toEqual(['emergency', 'handoff']);
    expect(emergency.activities[0]?.channelData).toMatchObject({ outcome: 'emergency', screening: { status: 'cancelled', reason: 'emergency' } });
    expect(emergency.activities[1]?.suggestedActions?.actions.map((action) => action.title)).toContain(wording.actions.talkToPerson);

    const answered = testConversation();
    await harness.send(answered.message('am I a candidate?'));
    const yes = await harness.send(answered.message('yes'));
    expect(yes.activities.map((reply) => reply.channelData?.outcome)).toEqual(['emergency', 'handoff']);

    const cancelled = testConversation();
    await harness.send(cancelled.message('can I have kyphoplasty?'));
    const { activities } = await harness.send(cancelled.message('cancel'));
    expect(activities[0]?.channelData).toMatchObject({ outcome: 'screening', screening: { status: 'cancelled', reason: 'user' } });

    const logged = harness.rawLogs.join('\n');
    for (const secret of ['what is PMMA', 'control of my bladder', 'Osteoporosis (thin bones)', 'Less than 8 weeks', '"value":"no"']) expect(logged).not.toContain(secret);
    expect(harness.logs.some((line) => line['event'] === 'bot.screening.completed' && line['outcome'] === 'candidate')).toBe(true);
  });
});
