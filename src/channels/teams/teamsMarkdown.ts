/**
 * The Markdown of a reply, in the shape Teams renders.
 * - Teams' Markdown ignores a single line break; each one becomes a hard break (two spaces), so list
 *   quotes, the screening summary's answers and multi-line wording keep their lines.
 * - A reply with quotes is rendered again from the content it was rendered from (replyContent.ts): its
 *   parts in order, each quote a blockquote with its marker, and no reference definitions — Teams shows
 *   a citation from the `[n]` marker and the citation entity, and would print the definitions as text.
 */
import { partMarkdown, type ReplyContent } from '../../bot/replies/replyContent';

/** Markdown that Teams renders: every single line break inside a paragraph made a hard break. */
export function teamsMarkdown(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => {
      const lines = paragraph.split('\n');
      return lines.map((line, index) => (index < lines.length - 1 ? `${line.trimEnd()}  ` : line)).join('\n');
    })
    .join('\n\n');
}

/** The Markdown of a reply's content for Teams: its parts (empty ones left out), without reference definitions. */
export function teamsContentMarkdown(content: ReplyContent): string {
  return content.parts
    .map((part) => teamsMarkdown(partMarkdown(part, content.quotes)))
    .filter((markdown) => markdown !== '')
    .join('\n\n');
}
