import type { Replies } from '../content/dialogSchemas';
import type { AnswerResult, Quote } from './answerTypes';

/** Options for the Markdown text of a result. */
export interface MarkdownOptions {
  /** Append the related questions as a list (for channels without suggested actions, e.g. the terminal). Default false. */
  listRelatedQuestions: boolean;
  /** End an answer with the reference definitions `[n]: … "Title"` (the reply contract). Default true; false where the caller lists the sources itself (the terminal). */
  referenceDefinitions: boolean;
}

/** Default Markdown options. */
export const defaultMarkdownOptions: MarkdownOptions = { listRelatedQuestions: false, referenceDefinitions: true };

/**
 * Escapes Markdown syntax so a document's characters show as they are: inline syntax anywhere, and what
 * starts a block at the start of a line (a list item "1. " or "- ", a heading, a rule or a quote).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_{}[\]<>#|~!])/g, '\\$1')
    .replace(/^(\s*)(\d+)([.)])(?=\s|$)/gm, '$1$2\\$3')
    .replace(/^(\s*)([-+=])/gm, '$1\\$2');
}

/** A quote as a blockquote with its citation marker `[marker]`; line breaks of lists are kept as hard breaks. */
export function quoteBlockquote(quote: Quote, marker: number): string {
  const lines = quote.text.split(/\r?\n/).filter((line) => line.trim().length > 0);
  return lines.map((line, i) => `> ${escapeMarkdown(line.trim())}${i === lines.length - 1 ? ` [${marker}]` : '  '}`).join('\n');
}

/** What a patient needs to check a quote's source besides its title: "Publisher · reviewed 2026-11-22" (empty when neither is known). */
export function sourceDetails(quote: Quote, reviewedLabel: string): string {
  return [quote.publisher, quote.reviewed ? `${reviewedLabel} ${quote.reviewed}` : undefined].filter((part) => part !== undefined).join(' · ');
}

/** The reference definition of a quote: `[marker]: <url or cite:marker> "Title · Publisher · reviewed date"`. */
export function quoteReference(quote: Quote, marker: number, reviewedLabel: string): string {
  const target = quote.url ? `<${quote.url}>` : `cite:${marker}`;
  const details = sourceDetails(quote, reviewedLabel);
  const name = details ? `${quote.title} · ${details}` : quote.title;
  return `[${marker}]: ${target} "${name.replace(/["\\]/g, '\\$&')}"`;
}

/** Our lead-in to an answer's quotes: that the documents differ on its topic, or what the quotes are about (by question type). */
export function answerLeadIn(result: AnswerResult, replies: Replies): string {
  if (result.disagreement) return replies.disagreementLeadIn.split('{topic}').join(result.disagreement.topic);
  return (result.questionType ? replies.answerLeadInByType[result.questionType] : undefined) ?? replies.answerLeadIn;
}

/**
 * The Markdown text of a result, per the reply contract (DESIGN.md §3): our short lead-in, each quote
 * as a blockquote followed by its marker `[n]`, and reference definitions `[n]: <url or cite:n> "Title"`.
 * Emergency, small-talk and no-answer results get their wording alone. The user's words never appear.
 */
export function formatAnswerMarkdown(result: AnswerResult, replies: Replies, overrides: Partial<MarkdownOptions> = {}): string {
  const options = { ...defaultMarkdownOptions, ...overrides };
  switch (result.outcome) {
    case 'emergency':
      return result.emergency?.instruction ?? '';
    case 'smalltalk':
      return result.smalltalk?.reply ?? '';
    case 'no-answer': {
      const text = replies.noAnswer[result.noAnswerReason ?? 'not-covered'];
      if (!options.listRelatedQuestions || result.relatedQuestions.length === 0) return text;
      return `${text}\n\n${replies.relatedQuestionsLeadIn}\n\n${result.relatedQuestions.map((q) => `- ${escapeMarkdown(q)}`).join('\n')}`;
    }
    case 'answer': {
      const quotes = result.quotes.map((quote, i) => quoteBlockquote(quote, i + 1));
      const references = options.referenceDefinitions ? [result.quotes.map((quote, i) => quoteReference(quote, i + 1, replies.reviewedLabel)).join('\n')] : [];
      return [answerLeadIn(result, replies), ...quotes, ...references].join('\n\n');
    }
  }
}
