import { describe, expect, it } from 'vitest';
import { nearCopyTest, wordOverlap } from '../../src/core/evaluation/nearCopies';

describe('near-copies of clinic-written questions', () => {
  const isNearCopy = nearCopyTest(['Will I have to wear a back brace afterwards?', 'Does it work?']);

  it('finds a question the clinic wrote almost word for word, whatever the case and punctuation', () => {
    expect(isNearCopy('will i have to wear a back brace afterwards')).toBe(true);
    expect(isNearCopy('WILL I HAVE TO WEAR A BACK BRACE, AFTERWARDS??')).toBe(true);
    // 3 of 4 words: "does it actually work" against "does it work".
    expect(isNearCopy('does it actually work')).toBe(true);
  });

  it('does not count a question on the same subject in other words', () => {
    expect(isNearCopy('do I need a brace when I go home')).toBe(false);
    expect(isNearCopy('how well does it work for most people')).toBe(false);
    expect(isNearCopy('')).toBe(false);
  });

  it('measures overlap as shared words over all words', () => {
    expect(wordOverlap(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
    expect(wordOverlap(new Set(), new Set())).toBe(0);
  });
});
