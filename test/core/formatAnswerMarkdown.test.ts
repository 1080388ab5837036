import { describe, expect, it } from 'vitest';
import { escapeMarkdown, formatAnswerMarkdown } from '../../src/core/answer/formatAnswerMarkdown';
import { loadAnswerEngine } from '../../src/core/loadAnswerEngine';

const engine = loadAnswerEngine();

describe('Markdown of a result (reply contract)', () => {
  it('quotes each passage as a blockquote with its marker and ends with reference definitions', () => {
    const result = engine.answer('how much does kyphoplasty cost');
    const text = formatAnswerMarkdown(result, engine.replies);
    const lines = text.split('\n');
    expect(lines[0]).toBe("Here is what the clinic's documents say about cost:");
    result.quotes.forEach((quote, i) => {
      expect(text).toContain(`[${i + 1}]: cite:${i + 1} "${quote.title}"`);
      expect(lines.some((line) => line.startsWith('> ') && line.endsWith(` [${i + 1}]`))).toBe(true);
    });
    expect(text).toContain('$15,295 [1]');
  });

  it('keeps list lines apart with hard breaks', () => {
    const result = engine.answer('what are the benefits of vertebroplasty and kyphoplasty');
    const list = result.quotes.find((quote) => quote.text.includes('\n'));
    if (!list) throw new Error('expected a list quote');
    const marker = result.quotes.indexOf(list) + 1;
    const text = formatAnswerMarkdown(result, engine.replies);
    const lines = list.text.split('\n').filter((line) => line.trim().length > 0);
    expect(text).toContain(`> ${escapeMarkdown(lines[0]!.trim())}  \n> ${escapeMarkdown(lines[1]!.trim())}`);
    expect(text).toContain(`${escapeMarkdown(lines[lines.length - 1]!.trim())} [${marker}]`);
  });

  it('says the sources differ when they do', () => {
    const text = formatAnswerMarkdown(engine.answer('how soon after the fracture should it be done'), engine.replies);
    expect(text.split('\n')[0]).toBe("The clinic's documents differ on how soon after the fracture the procedure should be done. Here is what each one says:");
  });

  it('gives the emergency instruction alone', () => {
    const result = engine.answer('I have chest pain');
    expect(formatAnswerMarkdown(result, engine.replies)).toBe(result.emergency?.instruction);
  });

  it('never echoes the question in a no-answer and can list related questions', () => {
    const text = formatAnswerMarkdown(engine.answer('<script>alert(1)</script> weather'), engine.replies, { listRelatedQuestions: true });
    expect(text).not.toContain('script');
    expect(text).toContain("the clinic's documents don't cover that");
    expect(text).toMatch(/\n- .+\?/);
  });

  it('escapes Markdown in document text', () => {
    expect(escapeMarkdown('a *b* [c](d) <e> #f')).toBe('a \\*b\\* \\[c\\](d) \\<e\\> \\#f');
  });
});
