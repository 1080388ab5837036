import { describe, expect, it } from 'vitest';
import { indexByStem, numberStems } from '../../src/core/answer/stemSharing';

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

describe('numberStems', () => {
  const lists = [['kyphoplasti', 'take', 'long'], ['cement', 'leak'], [], ['long', 'recoveri'], ['kyphoplasti']];
  const numbers = numberStems(lists);

  it('gives each distinct stem one number, the same in every list', () => {
    const stemOf = new Map<number, string>();
    numbers.lists.forEach((numbered, i) => {
      expect(numbered.length).toBe(lists[i]!.length);
      numbered.forEach((number, j) => {
        expect(stemOf.get(number) ?? lists[i]![j]).toBe(lists[i]![j]);
        stemOf.set(number, lists[i]![j]!);
      });
    });
    expect(new Set(stemOf.values()).size).toBe(stemOf.size);
  });

  it("reads a question's slots by number: the slot of each stem it says, 0 for the others", () => {
    const slots = numbers.slots(new Map([['long', 1], ['cement', 2], ['nothing', 3]]));
    const slotsOf = (list: number) => [...(numbers.lists[list] as Int32Array)].map((number) => slots[number]);
    expect(slotsOf(0)).toEqual([0, 0, 1]);
    expect(slotsOf(1)).toEqual([2, 0]);
    expect(slotsOf(3)).toEqual([1, 0]);
  });
});
