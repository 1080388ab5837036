import { describe, expect, it } from 'vitest';
import type { KnowledgeDocument } from '../../src/core/content/loadKnowledge';
import { defaultAnswerEngineOptions } from '../../src/core/answer/answerOptions';
import type { RankedPassage } from '../../src/core/answer/rankPassages';
import { selectQuotes, type QuoteSources } from '../../src/core/answer/selectQuotes';
import type { Passage } from '../../src/core/text/chunkDocument';

// Quote order among the ranking's best few, on a small document of three separate paragraphs.
const text = 'Walking is allowed the same day.\n\nDriving waits a week.\n\nLifting waits a month.';
const document: KnowledgeDocument = { id: 'doc', title: 'Recovery', publisher: 'Clinic', reviewed: '2026-01-01', file: 'doc.txt', format: 'txt', text };
const passages: Passage[] = text.split('\n\n').map((sentence, index) => {
  const start = text.indexOf(sentence);
  return { id: `doc#${index}`, documentId: 'doc', kind: 'sentence', start, end: start + sentence.length, text: sentence, block: index, index };
});
const sources: QuoteSources = { documents: new Map([['doc', document]]), previousInBlock: () => undefined, nextInBlock: () => undefined, disagreements: [] };
const ranked = (entries: [number, number, number][]): RankedPassage[] =>
  entries.map(([position, score, coverage]) => ({ passage: passages[position] as Passage, score, coverage, features: [] }));
const shown = (ranking: RankedPassage[], options = defaultAnswerEngineOptions): string[] =>
  selectQuotes(ranking, sources, options).quotes.map((quote) => quote.text);

describe('selectQuotes: which of the best few is quoted first', () => {
  it('quotes first, of close scores, the candidate that covers more of the question', () => {
    expect(shown(ranked([[0, 0.62, 0.4], [1, 0.58, 0.9], [2, 0.3, 0.5]]))).toEqual(['Driving waits a week.', 'Walking is allowed the same day.', 'Lifting waits a month.']);
  });

  it('keeps the ranking order when the better-covering candidate scores much lower', () => {
    expect(shown(ranked([[0, 0.9, 0.5], [1, 0.2, 0.6], [2, 0.1, 0.4]]))[0]).toBe('Walking is allowed the same day.');
  });

  it('never moves a candidate from below the best few to the front', () => {
    const options = { ...defaultAnswerEngineOptions, keptTopRanks: 1 };
    expect(shown(ranked([[0, 0.62, 0.4], [1, 0.58, 0.9]]), options)[0]).toBe('Walking is allowed the same day.');
  });

  it('orders by score alone with a coverage weight of 0', () => {
    const options = { ...defaultAnswerEngineOptions, firstQuoteCoverageWeight: 0 };
    expect(shown(ranked([[0, 0.62, 0.4], [1, 0.58, 0.9]]), options)[0]).toBe('Walking is allowed the same day.');
  });
});
