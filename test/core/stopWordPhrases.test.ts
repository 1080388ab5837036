import { describe, expect, it } from 'vitest';
import { createStopWordPhraseFinder } from '../../src/core/search/synonymExpander';
import { createTextAnalyzer } from '../../src/core/text/analyzeText';

const analyzer = createTextAnalyzer({ extra: ['go', 'wrong', 'right'] });
const groups = [['risk', 'complications', 'go wrong'], ['new', 'further', 'another'], { term: 'candidate', saidAs: ['right for me'] }];
const find = createStopWordPhraseFinder(groups, analyzer);

describe('synonym members made only of stop words', () => {
  it('are found in a question and bring the other members of their group', () => {
    expect(find(analyzer.tokens('What could go wrong?'), [])).toEqual([{ phrase: 'go wrong', alternatives: [['risk'], ['complic']] }]);
    expect(find(analyzer.tokens('can I break another bone'), [])).toEqual([{ phrase: 'another', alternatives: [['new']] }]);
  });

  it('bring only the term of a one-way lay synonym', () => {
    expect(find(analyzer.tokens('is it right for me'), [])).toEqual([{ phrase: 'right for me', alternatives: [['candid']] }]);
  });

  it('of a group limited to some question types are found only in questions of those types', () => {
    const typed = createStopWordPhraseFinder([{ members: ['go wrong', 'complications'], questionTypes: ['risks'] }], analyzer);
    expect(typed(analyzer.tokens('What could go wrong?'), ['risks'])).toEqual([{ phrase: 'go wrong', alternatives: [['complic']] }]);
    expect(typed(analyzer.tokens('What could go wrong?'), ['definition'])).toEqual([]);
  });

  it('are found whatever the endings of their words', () => {
    expect(find(analyzer.tokens('the odds of something going wrong'), [])).toEqual([{ phrase: 'go wrong', alternatives: [['risk'], ['complic']] }]);
  });

  it('must appear as consecutive words', () => {
    expect(find(analyzer.tokens('go and see what is wrong'), [])).toEqual([]);
  });
});
