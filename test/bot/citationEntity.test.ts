/** The citation entity's limits: names ≤ 80, abstracts ≤ 160 characters, cut at words; url only when known. */
import { describe, expect, it } from 'vitest';
import { buildCitationEntity, shorten } from '../../src/bot/replies/citationEntity';
import type { Quote } from '../../src/core/answer/answerTypes';

const longText = `${'Kyphoplasty restores height of the collapsed vertebra '.repeat(5)}end.`;
const quotes: Quote[] = [
  {
    documentId: 'a',
    title: 'A title that is rather long '.repeat(4),
    url: 'https://example.org/a',
    publisher: 'Example Spine Society',
    reviewed: '2026-11-22',
    start: 0,
    end: longText.length,
    text: longText,
    score: 1,
  },
  { documentId: 'b', title: 'Short', start: 5, end: 9, text: 'Yes.', score: 0.5 },
];

describe('buildCitationEntity', () => {
  const entity = buildCitationEntity(quotes, 'reviewed');

  it('numbers claims like the markers and keeps the full quote', () => {
    expect(entity.citation.map((claim) => claim.position)).toEqual([1, 2]);
    expect(entity.citation[0]?.appearance.text).toBe(longText);
  });

  it('shortens name and abstract at a word boundary with an ellipsis', () => {
    const appearance = entity.citation[0]?.appearance;
    expect(appearance?.name.length).toBeLessThanOrEqual(80);
    expect(appearance?.abstract.length).toBeLessThanOrEqual(160);
    expect(appearance?.abstract.endsWith('…')).toBe(true);
    expect(longText.startsWith(appearance?.abstract.slice(0, -1) ?? 'x')).toBe(true);
    expect(appearance?.abstract).not.toMatch(/\s…$/);
  });

  it('names the publisher and the review date after the title, shortening only the title', () => {
    const name = entity.citation[0]?.appearance.name ?? '';
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^A title that is rather long .*… · Example Spine Society · reviewed 2026-11-22$/);
    expect(entity.citation[1]?.appearance.name).toBe('Short');
  });

  it('sets url only when the document has one', () => {
    expect(entity.citation[0]?.appearance.url).toBe('https://example.org/a');
    expect(entity.citation[1]?.appearance).not.toHaveProperty('url');
  });
});

describe('shorten', () => {
  it.each([
    ['short text', 20, 'short text'],
    ['folds   inner\nwhitespace', 40, 'folds inner whitespace'],
    ['one two three four five', 12, 'one two…'],
    ['Supercalifragilisticexpialidocious', 10, 'Supercali…'],
  ])('shorten(%j, %i) = %j', (text, limit, expected) => {
    expect(shorten(text, limit)).toBe(expected);
    expect(shorten(text, limit).length).toBeLessThanOrEqual(limit);
  });
});
