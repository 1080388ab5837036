import { describe, expect, it } from 'vitest';
import { loadEvalSet } from '../../src/core/evaluation/loadEvalSet';
import { loadAnswerEngine } from '../../src/core/loadAnswerEngine';

// Content checks on the real knowledge/ (like the evaluation floors): the quotes the evaluation questions get
// stand on their own. The code behind them is tested on the fixture content in answerEngine.test.ts.
const engine = loadAnswerEngine();
const quotes = loadEvalSet().answerable.flatMap((item) => engine.answer(item.question).quotes);

describe('quotes of the real documents stand on their own', () => {
  it('never quotes a sentence that leans on the one before it without that one', () => {
    const dangling = quotes.filter((quote) => /^(This|These|It|It’s|They|With others|Because of this)\b/.test(quote.text));
    expect(dangling.map((quote) => quote.text)).toEqual([]);
  });

  it('quotes every money figure with where and when it is from', () => {
    const undated = quotes.filter((quote) => /[$€£]\s?\d/.test(quote.text) && !/\b(19|20)\d{2}\b[^$€£]*[$€£]/.test(quote.text));
    expect(undated.map((quote) => quote.text)).toEqual([]);
  });
});
