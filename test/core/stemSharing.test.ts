import { describe, expect, it } from 'vitest';
import { indexByStem } from '../../src/core/answer/stemSharing';

describe('indexByStem', () => {
  const lists = [['kyphoplasti', 'take', 'long'], ['cement', 'leak'], [], ['long', 'recoveri'], ['kyphoplasti']];
  const sharing = indexByStem(lists);

  it('marks exactly the lists holding one of the stems (compared with a scan of every list)', () => {
    const questions = [['long'], ['kyphoplasti', 'cement'], ['nothing'], [], ['recoveri', 'leak', 'long'], ['long', 'long']];
    for (const stems of questions) {
      const expected = lists.map((list) => (list.some((stem) => stems.includes(stem)) ? 1 : 0));
      expect([...sharing(stems)]).toEqual(expected);
    }
  });

  it('gives a fresh array each time: a question does not see the last one’s marks', () => {
    expect([...sharing(['cement'])]).toEqual([0, 1, 0, 0, 0]);
    expect([...sharing(['recoveri'])]).toEqual([0, 0, 0, 1, 0]);
  });
});
