/**
 * TEMPORARY stand-in for the core's `formatAnswerMarkdown` (src/core/answer/formatAnswerMarkdown.ts),
 * written to the reply contract (DESIGN.md §3) until the core's lands; then this file goes away.
 */
import type { AnswerResult } from '../../core/answer/answerTypes';

/** Markdown text of a result: lead-in, quotes as blockquotes with `[n]`, reference definitions. */
export function formatAnswerMarkdown(result: AnswerResult): string {
  if (result.outcome === 'emergency') return result.emergency?.instruction ?? '';
  if (result.outcome === 'smalltalk') return result.smalltalk?.reply ?? '';
  if (result.outcome === 'no-answer') return "I'm sorry, the clinic's documents don't cover that, so I can't answer it.";
  const blocks = result.quotes.map((quote, index) => {
    const lines = quote.text.split(/\r?\n/).map((line) => (line.trim() === '' ? '>' : `> ${line}`));
    return `${lines.join('\n')} [${index + 1}]`;
  });
  const references = result.quotes.map(
    (quote, index) => `[${index + 1}]: ${quote.url ? `<${quote.url}>` : `cite:${index + 1}`} "${quote.title.replace(/"/g, '\\"')}"`,
  );
  return [`Here is what the clinic's documents say:`, ...blocks, references.join('\n')].join('\n\n');
}
