import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/content/loadKnowledge';
import { defaultContentLocation } from '../../src/core/loadAnswerEngine';
import { chunkDocument, type Passage } from '../../src/core/text/chunkDocument';
import { splitSentences } from '../../src/core/text/splitSentences';

const knowledge = loadKnowledge(defaultContentLocation.knowledgeDir);
const chunksOf = (prefix: string): { text: string; passages: Passage[] } => {
  const document = knowledge.documents.find((doc) => doc.id.startsWith(prefix));
  if (!document) throw new Error(`no document ${prefix}`);
  return { text: document.text, passages: chunkDocument(document) };
};

describe('chunking the seed documents', () => {
  for (const document of knowledge.documents) {
    it(`${document.id}: offsets round-trip, nothing empty, nothing cut mid-word`, () => {
      const passages = chunkDocument(document);
      expect(passages.length).toBeGreaterThan(5);
      for (const passage of passages) {
        expect(passage.text).toBe(document.text.slice(passage.start, passage.end));
        expect(passage.text.trim()).toBe(passage.text);
        expect(passage.text).toMatch(/[\p{L}\p{N}]/u);
        expect(document.text[passage.start - 1] ?? ' ').not.toMatch(/\p{L}/u);
        // A sentence may end right before a capital ("$15,295A surgeon"), never before a lower-case letter or digit.
        expect(document.text[passage.end] ?? ' ').not.toMatch(/[\p{Ll}\p{N}]/u);
      }
      const starts = passages.map((passage) => passage.start);
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    });
  }

  it('finds question headings and the title in 000 and keeps them out of the text passages', () => {
    const headings = chunksOf('000').passages.filter((p) => p.kind === 'heading').map((p) => p.text);
    expect(headings).toEqual([
      'Vertebroplasty and Kyphoplasty',
      'What are vertebroplasty and kyphoplasty?',
      'How is it done?',
      'Alternatives treatment',
      'Risks and potential complications',
      'Who is eligible for vertebroplasty and kyphoplasty?',
    ]);
  });

  it('keeps a one-item-a-line list together with its lead-in (000)', () => {
    const list = chunksOf('000').passages.find((p) => p.kind === 'list' && p.text.startsWith('Potential benefits'));
    expect(list?.text.split('\n')).toEqual([
      'Potential benefits of vertebroplasty and kyphoplasty include:',
      'Short surgical time',
      'Only light general anesthesia or local anesthesia required.',
      'Average hospital stay is one day (or less).',
      'Patients can quickly return to their normal activities.',
      'No bracing required.',
    ]);
    expect(list?.section).toBe('How is it done?');
  });

  it('keeps "•" bullets with the sentence that introduces them (001, 003)', () => {
    const list001 = chunksOf('001').passages.find((p) => p.kind === 'list' && p.text.includes('Are elderly'));
    expect(list001?.text.startsWith('Vertebroplasty and kyphoplasty are usually performed on patients who:')).toBe(true);
    expect(list001?.text.endsWith('Have osteoporosis')).toBe(true);
    const list003 = chunksOf('003').passages.find((p) => p.kind === 'list' && p.text.includes('Osteoporotic fractures'));
    expect(list003?.text.startsWith('Candidates often include individuals with:')).toBe(true);
    expect(list003?.section).toBe('Who Is a Good Candidate?');
  });

  it('splits the one-line document 004 at joined sentences and drops the stray ". ."', () => {
    const { passages } = chunksOf('004');
    const texts = passages.map((p) => p.text);
    expect(texts).toContain('The average cost of a kyphoplasty procedure between 2006–2014 was $15,295');
    expect(texts).toContain('A surgeon may perform kyphoplasty for a vertebral compression fracture (VCF).');
    expect(texts).toContain('When the surgeon removes the balloon tamp, it leaves a cavity that is injected with acrylic bone cement to prevent it from collapsing again.');
    expect(texts).toContain('Most people will be able to go home from the hospital the same day.');
    expect(texts.some((text) => /^\.\s*$/.test(text) || text.startsWith('. '))).toBe(false);
  });

  it('does not split after "Dr." or inside curly quotes (003)', () => {
    const texts = chunksOf('003').passages.map((p) => p.text);
    expect(texts.some((text) => text.startsWith('Dr. Larry Davidson, an experienced surgeon in the field'))).toBe(true);
    expect(texts).toContain(
      'Dr. Larry Davidson stresses, “As physicians, we are here to treat people, not just conditions. The technology is only as effective as the thoughtfulness we bring to its use.”',
    );
  });
});

describe('splitSentences', () => {
  it('handles abbreviations, closing quotes and stray stops', () => {
    const text = 'See Dr. Smith today. He said “rest.” Then walk. . Done!';
    expect(splitSentences(text).map((span) => text.slice(span.start, span.end))).toEqual(['See Dr. Smith today.', 'He said “rest.”', 'Then walk.', 'Done!']);
  });
});
