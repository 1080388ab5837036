import { describe, expect, it } from 'vitest';
import { createTextAnalyzer, normalizeText } from '../../src/core/text/analyzeText';

const analyzer = createTextAnalyzer({ extra: ['procedure'], kept: ['after'] });

describe('text analysis', () => {
  it.each([
    ['Kyphoplasty', 'kyphoplasty'],
    ['Don’t “worry” — it’s `fine`', 'don\'t "worry" - it\'s \'fine\''],
    ['ＦＵＬＬ width ① and the ﬁ ligature', 'full width 1 and the fi ligature'],
    ['ÉCOLE Straße', 'école straße'],
    ['plain ascii, with `backticks`', "plain ascii, with 'backticks'"],
  ])('normalises %j', (text, normalized) => {
    expect(normalizeText(text)).toBe(normalized);
  });

  it('gives words with their stems, stop words marked', () => {
    expect(analyzer.tokens('The fractures healed after 6 weeks')).toEqual([
      { word: 'the', stem: 'the', stop: true },
      { word: 'fractures', stem: 'fractur', stop: false },
      { word: 'healed', stem: 'heal', stop: false },
      { word: 'after', stem: 'after', stop: false },
      { word: '6', stem: '6', stop: true },
      { word: 'weeks', stem: 'week', stop: false },
    ]);
  });

  it('expands contractions, splits hyphenated words and drops possessives, in ASCII and typographic text alike', () => {
    const expected = ['not', 'walk', 'doctor', 'rai', 'will', 'not', 'hurt'];
    expect(analyzer.terms("Can't walk; the doctor's x-ray won't hurt")).toEqual(expected);
    expect(analyzer.terms('Can’t walk; the doctor’s x–ray won’t hurt')).toEqual(expected);
  });

  it('keeps letters and digits of any script, and ignores the extra stop words', () => {
    expect(analyzer.terms('Die Wirbelsäule: 2 Eingriffe, procedure')).toEqual(['die', 'wirbelsäul', 'eingriff']);
    expect(analyzer.terms('ΟΔΟΣ σοφός 12')).toEqual(['οδος', 'σοφός', '12']);
  });
});
