/**
 * The typed content of replies with quotes (src/bot/replies/replyContent.ts): the contract's Markdown
 * is what the content renders to, for answers, an agent's quote and the screening's replies; keeping
 * the first quotes keeps every part that shows them; and the content stays in this process — botbuilder's
 * copies of an outgoing activity keep it, its JSON never has it.
 */
import { TestAdapter, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { agentQuoteMessage } from '../../src/bot/handoff/handoffActivities';
import { summaryActivity } from '../../src/bot/dialogs/screeningSummary';
import { whyActivity } from '../../src/bot/dialogs/screeningReplies';
import { renderAnswerActivity, type RenderAnswerOptions } from '../../src/bot/replies/renderAnswerActivity';
import { contractMarkdown, keepFirstQuotes, replyContentOf, type ReplyContent } from '../../src/bot/replies/replyContent';
import type { Quote } from '../../src/core/answer/answerTypes';
import type { FiredRule } from '../../src/core/screening/screeningTypes';
import { engine, screening, wording } from '../screening/screeningTestKit';

const render: RenderAnswerOptions = { wording, replies: engine.replies, fallbackQuestions: [] };
const questions = ['how long does kyphoplasty take?', 'what are the risks of vertebroplasty?', 'when is the best time for the procedure?', 'how much does it cost?'];

function markdownOf(activity: Partial<Activity>, reviewedLabel: string): string | undefined {
  const content = replyContentOf(activity);
  return content && contractMarkdown(content, reviewedLabel);
}

describe('the contract Markdown and the content', () => {
  it('agree for answers and for a quote an agent picked', () => {
    for (const question of questions) {
      const result = engine.answer(question);
      expect(result.outcome).toBe('answer');
      const activity = renderAnswerActivity(result, render);
      expect(replyContentOf(activity)?.quotes).toEqual(result.quotes);
      expect(markdownOf(activity, engine.replies.reviewedLabel)).toBe(activity.text);
      const agent = agentQuoteMessage('Alex (clinic staff)', result, result.quotes[0]!, render);
      expect(replyContentOf(agent)?.parts[0]).toEqual({ kind: 'wording', markdown: '### Alex (clinic staff)' });
      expect(markdownOf(agent, engine.replies.reviewedLabel)).toBe(agent.text);
    }
  });

  it('agree for the screening’s why and summary, and a reply without quotes carries none', () => {
    for (const question of screening.questions) {
      const activity = whyActivity(screening, question);
      expect(markdownOf(activity, screening.wording.reviewedLabel)).toBe(activity.text);
    }
    const fired: FiredRule[] = screening.rules.slice(0, 3).map((rule) => ({ ruleId: rule.id, effect: rule.effect, reason: rule.reason, quotes: rule.quotes }));
    const summary = summaryActivity({ screening, answered: [], wording, evaluation: { outcome: 'candidate', reasons: [...fired, fired[0]!], notes: [] } });
    expect(markdownOf(summary, screening.wording.reviewedLabel)).toBe(summary.text);
    expect(replyContentOf(renderAnswerActivity(engine.answer('hello'), render))).toBeUndefined();
  });
});

describe('keeping the first quotes', () => {
  const quote = (text: string): Quote => ({ documentId: 'doc', title: 'Doc', start: 0, end: text.length, text, score: 1 });
  const content: ReplyContent = {
    parts: [
      { kind: 'wording', markdown: 'Reason one:' },
      { kind: 'quote', marker: 1 },
      { kind: 'wording', markdown: 'Reason two:' },
      { kind: 'quote', marker: 2 },
      { kind: 'quote', marker: 1 },
      { kind: 'quote', marker: 3 },
    ],
    quotes: [quote('One.'), quote('Two.'), quote('Three.')],
  };

  it('drops every part that shows a later quote, and only those', () => {
    expect(keepFirstQuotes(content, 2)).toEqual({ parts: content.parts.slice(0, 5), quotes: content.quotes.slice(0, 2) });
    expect(keepFirstQuotes(content, 1)).toEqual({
      parts: [content.parts[0], content.parts[1], content.parts[2], content.parts[4]],
      quotes: content.quotes.slice(0, 1),
    });
    expect(contractMarkdown(keepFirstQuotes(content, 0), 'reviewed')).toBe('Reason one:\n\nReason two:');
  });
});

describe('the content of an outgoing activity', () => {
  it('survives botbuilder’s copy on the way out and is never in its JSON', async () => {
    const activity = renderAnswerActivity(engine.answer(questions[0]!), render);
    const content = replyContentOf(activity);
    expect(content).toBeDefined();
    expect(JSON.stringify(activity)).not.toContain('"parts"');
    const seen: Array<Partial<Activity>> = [];
    const adapter = new TestAdapter(async (context) => {
      context.onSendActivities(async (_context, activities, send) => {
        seen.push(...activities);
        return send();
      });
      await context.sendActivity(activity);
    });
    await adapter.send('hi');
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toBe(activity);
    expect(replyContentOf(seen[0]!)).toBe(content);
  });
});
