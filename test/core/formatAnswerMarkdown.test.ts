import { describe, expect, it } from 'vitest';
import { escapeMarkdown, formatAnswerMarkdown } from '../../src/core/answer/formatAnswerMarkdown';
import { loadFixtureEngine } from '../fixtures/fixtureContent';

const engine = loadFixtureEngine();

describe('Markdown of a result (reply contract)', () => {
  it('quotes each passage as a blockquote with its marker and ends with reference definitions', () => {
    const result = engine.answer('how much does vertebroplasty cost');
    const text = formatAnswerMarkdown(result, engine.replies);
    const lines = text.split('\n');
    expect(lines[0]).toBe(engine.replies.answerLeadInByType.cost);
    expect(result.quotes.length).toBeGreaterThan(0);
    result.quotes.forEach((quote, i) => {
      expect(text).toContain(`[${i + 1}]: cite:${i + 1} "${quote.title} · Fixture Clinic · ${engine.replies.reviewedLabel} ${quote.reviewed ?? '?'}"`);
      expect(lines.some((line) => line.startsWith('> ') && line.endsWith(` [${i + 1}]`))).toBe(true);
    });
    expect(text).toContain('$9,000 [1]');
  });

  it('links a reference definition to the document when its url is known', () => {
    const text = formatAnswerMarkdown(engine.answer('what is kyphoplasty'), engine.replies);
    expect(text).toContain('[1]: <https://example.org/kyphoplasty> "Kyphoplasty in short');
  });

  it('keeps list lines apart with hard breaks', () => {
    const list = engine.passages.find((passage) => passage.kind === 'list' && passage.text.startsWith('Potential benefits'));
    if (!list) throw new Error('expected the benefits list of the fixture document "basics"');
    const quote = { documentId: list.documentId, title: 'Vertebroplasty basics', start: list.start, end: list.end, text: list.text, score: 1 };
    const result = { ...engine.answer('what are the benefits'), quotes: [quote] };
    const text = formatAnswerMarkdown(result, engine.replies);
    expect(text).toContain('> Potential benefits of vertebroplasty include:  \n> Quick pain relief  \n');
    expect(text).toContain('> No bracing required. [1]');
  });

  it('says the sources differ when they do', () => {
    const text = formatAnswerMarkdown(engine.answer('how soon after the fracture should it be done'), engine.replies);
    expect(text.split('\n')[0]).toBe(engine.replies.disagreementLeadIn.replace('{topic}', 'how soon after the fracture the procedure should be done'));
  });

  it('gives the emergency instruction alone', () => {
    const result = engine.answer('I have chest pain');
    expect(formatAnswerMarkdown(result, engine.replies)).toBe(result.emergency?.instruction);
  });

  it('never echoes the question in a no-answer and can list related questions', () => {
    const text = formatAnswerMarkdown(engine.answer('<script>alert(1)</script> weather'), engine.replies, { listRelatedQuestions: true });
    expect(text).not.toContain('script');
    expect(text).toContain(engine.replies.noAnswer['not-covered']);
    expect(text).toContain(engine.replies.relatedQuestionsLeadIn);
    expect(text).toMatch(/\n- .+\?/);
  });

  it('escapes Markdown in document text', () => {
    expect(escapeMarkdown('a *b* [c](d) <e> #f')).toBe('a \\*b\\* \\[c\\](d) \\<e\\> \\#f');
    // What starts a block at the start of a line: list items, setext underlines, an image.
    expect(escapeMarkdown('1. first\n2) second\n- item\n+ item\n===\n![x](y)')).toBe('1\\. first\n2\\) second\n\\- item\n\\+ item\n\\===\n\\!\\[x\\](y)');
    // The other block starters: a heading, a quote, a "*" item, a code fence; also after indentation.
    expect(escapeMarkdown('# Title\n> quoted\n* item\n```js\n  - indented\n   10. tenth')).toBe('\\# Title\n\\> quoted\n\\* item\n\\`\\`\\`js\n  \\- indented\n   10\\. tenth');
    expect(escapeMarkdown('costs $15,295 - 3. of them')).toBe('costs $15,295 - 3. of them');
  });
});
