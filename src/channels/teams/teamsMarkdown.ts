/**
 * The Markdown of a reply, in the shape Teams renders, and whole quotes taken out of it.
 * - The reply contract's reference definitions (`[n]: cite:n "Title"`) are dropped: Teams shows a
 *   citation from the `[n]` marker and the citation entity, and would print the definitions as text.
 * - Teams' Markdown ignores a single line break; each one becomes a hard break (two spaces), so list
 *   quotes, the screening summary's answers and multi-line wording keep their lines.
 * - A quote is a blockquote paragraph ending with its marker ` [n]` (formatAnswerMarkdown.ts); markers
 *   are numbered in order of first appearance, so keeping quotes 1…k drops the last ones, whole, with
 *   every paragraph that shows them.
 */

const referenceLine = /^\[(\d+)\]: (?:<[^>\s]*>|cite:\d+) "(?:[^"\\]|\\.)*"$/;
const quoteMarker = /(?<!\\) \[(\d+)\]$/;

/** Paragraphs of a Markdown text. */
function paragraphs(text: string): string[] {
  return text.split(/\n{2,}/);
}

/** The marker of a quote paragraph (every line a blockquote line, the last ending with ` [n]`). */
export function quoteMarkerOf(paragraph: string): number | undefined {
  const lines = paragraph.split('\n');
  if (!lines.every((line) => line.startsWith('>'))) return undefined;
  const match = quoteMarker.exec(lines[lines.length - 1] ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The numbers of the quotes a text shows, in order. */
export function quoteMarkers(text: string): number[] {
  return [...new Set(paragraphs(text).flatMap((paragraph) => quoteMarkerOf(paragraph) ?? []))];
}

/** The text without quotes numbered above `keep` and without their reference definitions. */
export function keepQuotesInText(text: string, keep: number): string {
  return paragraphs(text)
    .flatMap((paragraph) => {
      const marker = quoteMarkerOf(paragraph);
      if (marker !== undefined) return marker <= keep ? [paragraph] : [];
      const lines = paragraph.split('\n').filter((line) => {
        const reference = referenceLine.exec(line);
        return !reference || Number(reference[1]) <= keep;
      });
      return lines.length > 0 ? [lines.join('\n')] : [];
    })
    .join('\n\n');
}

/** Markdown that Teams renders: no reference definitions, hard line breaks inside paragraphs. */
export function teamsMarkdown(text: string): string {
  return paragraphs(text)
    .flatMap((paragraph) => {
      const lines = paragraph.split('\n').filter((line) => !referenceLine.test(line));
      if (lines.length === 0) return [];
      return [lines.map((line, index) => (index < lines.length - 1 ? `${line.trimEnd()}  ` : line)).join('\n')];
    })
    .join('\n\n');
}

/** The first paragraph of a text (an answer's lead-in). */
export function firstParagraph(text: string): string {
  return paragraphs(text)[0] ?? '';
}
