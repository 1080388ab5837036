import type { TextSpan } from './splitSentences';

/** What a line of a document is. */
export type LineKind = 'blank' | 'heading' | 'item' | 'text';

/** A line of a document with the span of its content (markers such as "•" or "##" left out). */
export interface DocumentLine extends TextSpan {
  kind: LineKind;
  /** Start of the whole line, including indentation and markers. */
  lineStart: number;
}

const BULLET = /^(\s*)([•●▪◦‣·*+-]|\d{1,2}[.)])\s+/u;
const MARKDOWN_HEADING = /^(\s*)#{1,6}\s+/;
/** A short line: in a run of two or more, short lines are a list with one item a line. */
const SHORT_LINE = { maxWords: 10, maxChars: 80 };
/** A heading is a short line with no stop at its end (or a question). */
const HEADING_LINE = { maxWords: 14, maxChars: 100 };

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function isHeadingLike(text: string): boolean {
  return (
    wordCount(text) <= HEADING_LINE.maxWords &&
    text.length <= HEADING_LINE.maxChars &&
    /^[\p{Lu}\p{N}]/u.test(text) &&
    !/[.,;:]$/.test(text)
  );
}

function isShort(text: string): boolean {
  return wordCount(text) <= SHORT_LINE.maxWords && text.length <= SHORT_LINE.maxChars;
}

function splitLines(text: string, markdown: boolean): DocumentLine[] {
  const lines: DocumentLine[] = [];
  const pattern = /[^\r\n]*(\r\n|\r|\n|$)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null && match.index < text.length) {
    const lineStart = match.index;
    const raw = match[0].replace(/(\r\n|\r|\n)$/, '');
    pattern.lastIndex = lineStart + match[0].length;
    const content = raw.trimEnd();
    const marker = (markdown ? MARKDOWN_HEADING.exec(content) : null) ?? BULLET.exec(content);
    const leading = marker ? marker[0].length : content.length - content.trimStart().length;
    const start = lineStart + leading;
    const end = lineStart + content.length;
    let kind: LineKind = 'text';
    if (end <= start) kind = 'blank';
    else if (marker && MARKDOWN_HEADING.test(marker[0]) && markdown) kind = 'heading';
    else if (marker) kind = 'item';
    lines.push({ kind, start: end <= start ? lineStart : start, end: Math.max(end, start), lineStart });
  }
  return lines;
}

/**
 * Splits a document into lines and tells headings, list items and text apart. Markdown documents use
 * `#` headings and `-`/`*`/`1.` lists. Plain-text documents also have headings written as a short line
 * with no stop (a title, "How is it done?", "The Surgery") and lists written one item a line: a run of
 * two or more short lines.
 */
export function classifyLines(text: string, format: 'txt' | 'md'): DocumentLine[] {
  const lines = splitLines(text, format === 'md');
  if (format === 'md') return lines;
  const body = (line: DocumentLine): string => text.slice(line.start, line.end);
  const firstContent = lines.findIndex((line) => line.kind !== 'blank');
  lines.forEach((line, index) => {
    if (line.kind !== 'text' || !isHeadingLike(body(line))) return;
    const previous = lines[index - 1];
    const next = lines[index + 1];
    const alone = (!previous || previous.kind === 'blank') && (!next || next.kind === 'blank');
    const beforeLongText = next !== undefined && next.kind === 'text' && !isShort(body(next));
    if (body(line).endsWith('?') || index === firstContent || alone || beforeLongText) line.kind = 'heading';
  });
  lines.forEach((line, index) => {
    if (line.kind !== 'text' || !isShort(body(line))) return;
    const neighbourIsShort = (other: DocumentLine | undefined): boolean =>
      other !== undefined && (other.kind === 'item' || (other.kind === 'text' && isShort(body(other))));
    if (neighbourIsShort(lines[index - 1]) || neighbourIsShort(lines[index + 1])) line.kind = 'item';
  });
  return lines;
}
