/**
 * `npm run ask -- [--json] "question"`: answers one question in the terminal. With no question it reads
 * questions from standard input, one a line, and prints one result each (JSON Lines with --json).
 * Reads the content folders named by `KNOWLEDGE_DIR` and `DIALOGS_DIR`, as the server does (default: the
 * repository's own).
 */
import { createInterface } from 'node:readline';
import type { AnswerEngine } from '../core/answer/answerEngine';
import { formatAnswerMarkdown, sourceDetails } from '../core/answer/formatAnswerMarkdown';
import { loadAnswerEngine } from '../core/loadAnswerEngine';

function render(engine: AnswerEngine, question: string, json: boolean): string {
  const result = engine.answer(question);
  if (json) return JSON.stringify({ question, ...result });
  // The sources once, in their own block: the Markdown leaves out its reference definitions here.
  const sources = result.quotes.map((quote, i) => {
    const details = sourceDetails(quote, engine.replies.reviewedLabel);
    const where = `(${quote.documentId}, characters ${quote.start}–${quote.end})${quote.section ? ` — section "${quote.section}"` : ''}`;
    return `  [${i + 1}] ${[quote.title, details, quote.url].filter(Boolean).join(' · ')} ${where}`;
  });
  const markdown = formatAnswerMarkdown(result, engine.replies, { listRelatedQuestions: true, referenceDefinitions: false });
  return [`Q: ${question}`, `outcome: ${result.outcome}${result.noAnswerReason ? ` (${result.noAnswerReason})` : ''}`, '', markdown, ...(sources.length > 0 ? ['', 'Sources:', ...sources] : []), ''].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const question = args.filter((arg) => arg !== '--json').join(' ').trim();
  const engine = loadAnswerEngine({ knowledgeDir: process.env.KNOWLEDGE_DIR || undefined, dialogsDir: process.env.DIALOGS_DIR || undefined });
  if (question.length > 0) {
    console.log(render(engine, question, json));
    return;
  }
  if (process.stdin.isTTY) console.error('Type a question and press Enter (Ctrl-D to finish).');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim().length > 0) console.log(render(engine, line.trim(), json));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
