import { describe, expect, it } from 'vitest';
import { loadKnowledge, type KnowledgeDocument } from '../../src/core/content/loadKnowledge';
import { defaultContentLocation } from '../../src/core/loadAnswerEngine';
import { chunkDocument } from '../../src/core/text/chunkDocument';
import { fixtureContentLocation } from '../fixtures/fixtureContent';
import { splitSentences } from '../../src/core/text/splitSentences';

// The round trip runs over every document, the real ones and the fixture's (a new document that breaks it
// needs a chunking fix); each behaviour is shown on a short invented text.
const documents = [...loadKnowledge(defaultContentLocation.knowledgeDir).documents, ...loadKnowledge(fixtureContentLocation.knowledgeDir).documents];
const documentOf = (text: string): KnowledgeDocument => ({ id: 'invented', title: 'Invented', publisher: 'test', reviewed: '2026-01-01', file: 'invented.txt', format: 'txt', text });

describe('chunking documents', () => {
  for (const document of documents) {
    it(`${document.id}: offsets round-trip, nothing empty, nothing cut mid-word`, () => {
      const passages = chunkDocument(document);
      expect(passages.length).toBeGreaterThan(5);
      for (const passage of passages) {
        expect(passage.text).toBe(document.text.slice(passage.start, passage.end));
        expect(passage.text.trim()).toBe(passage.text);
        expect(passage.text).toMatch(/[\p{L}\p{N}]/u);
        expect(document.text[passage.start - 1] ?? ' ').not.toMatch(/\p{L}/u);
        // A sentence may end right before a capital ("$95A nurse"), never before a lower-case letter or digit.
        expect(document.text[passage.end] ?? ' ').not.toMatch(/[\p{Ll}\p{N}]/u);
      }
      const starts = passages.map((passage) => passage.start);
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    });
  }

  it('finds question headings and the title and keeps them out of the text passages', () => {
    const passages = chunkDocument(documentOf('Knee care\nWhat is knee care?\nKnee care is rest and ice for a sore knee. \nHow is it done?\nYou rest the knee for a day and put ice on it. \nRisks and potential side effects\nGeneral side effects of ice include cold burns, numb skin and red skin. \n'));
    expect(passages.filter((p) => p.kind === 'heading').map((p) => p.text)).toEqual(['Knee care', 'What is knee care?', 'How is it done?', 'Risks and potential side effects']);
    expect(passages.filter((p) => p.kind !== 'heading').map((p) => p.text)).toEqual(['Knee care is rest and ice for a sore knee.', 'You rest the knee for a day and put ice on it.', 'General side effects of ice include cold burns, numb skin and red skin.']);
  });

  it('keeps a one-item-a-line list together with its lead-in', () => {
    const passages = chunkDocument(documentOf('How is it done?\nKnee care and rest are similar treatments. \nBoth are done at home with an ice pack that is put on the sore knee for ten minutes at a time. \nBenefits of knee care include:\nShort visits\nNo surgery required.\nMost people can walk the same day.\nNo bracing required.\n'));
    const list = passages.find((p) => p.kind === 'list');
    expect(list?.text.split('\n')).toEqual(['Benefits of knee care include:', 'Short visits', 'No surgery required.', 'Most people can walk the same day.', 'No bracing required.']);
    expect(list?.section).toBe('How is it done?');
  });

  it('keeps "•" bullets with the sentence that introduces them', () => {
    const passages = chunkDocument(documentOf('Who Is a Good Candidate?\nKnee care suits people who:\n• Are older\n• Have sore knees\n• Cannot have surgery\n'));
    const list = passages.find((p) => p.kind === 'list');
    expect(list?.text.startsWith('Knee care suits people who:')).toBe(true);
    expect(list?.text.endsWith('Cannot have surgery')).toBe(true);
    expect(list?.section).toBe('Who Is a Good Candidate?');
  });

  it('splits a one-line document at joined sentences and drops the stray ". ."', () => {
    const texts = chunkDocument(documentOf('Knee care costs little. The average cost of a visit in 2020 was $95A nurse may do it at home. . Most people will be able to walk the same day.')).map((p) => p.text);
    expect(texts).toContain('The average cost of a visit in 2020 was $95');
    expect(texts).toContain('A nurse may do it at home.');
    expect(texts).toContain('Most people will be able to walk the same day.');
    expect(texts.some((text) => /^\.\s*$/.test(text) || text.startsWith('. '))).toBe(false);
  });

  it('does not split after "Dr." or inside curly quotes', () => {
    const texts = chunkDocument(documentOf('Dr. Ann Lee, a nurse in the field, treats knees. Dr. Lee says, “Rest first. Then walk.” Ice helps too.')).map((p) => p.text);
    expect(texts.some((text) => text.startsWith('Dr. Ann Lee, a nurse in the field'))).toBe(true);
    expect(texts).toContain('Dr. Lee says, “Rest first. Then walk.”');
  });
});

describe('splitSentences', () => {
  it('handles abbreviations, closing quotes and stray stops', () => {
    const text = 'See Dr. Smith today. He said “rest.” Then walk. . Done!';
    expect(splitSentences(text).map((span) => text.slice(span.start, span.end))).toEqual(['See Dr. Smith today.', 'He said “rest.”', 'Then walk.', 'Done!']);
  });
});
