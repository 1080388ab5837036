/** A half-open character range `[start, end)` of a text. */
export interface TextSpan {
  start: number;
  end: number;
}

/** Words that end with a period without ending a sentence ("Dr. Larry Davidson"). */
const ABBREVIATIONS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'vs', 'etc', 'e.g', 'i.e', 'eg', 'ie', 'approx', 'fig', 'jr', 'sr', 'inc', 'ltd', 'no', 'u.s', 'dept', 'mt',
]);
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']']);
const SENTENCE_END = new Set(['.', '!', '?']);

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/.test(char);
}

function startsSentence(char: string | undefined): boolean {
  return char !== undefined && /[\p{Lu}\p{N}“"‘'(•$.]/u.test(char);
}

function wordBefore(text: string, index: number, from: number): string {
  let i = index;
  while (i > from && /[\p{L}.]/u.test(text[i - 1] ?? '')) i -= 1;
  return text.slice(i, index).toLowerCase();
}

/**
 * A sentence that starts right after a number with no space, as in "… was $15,295A surgeon may …": two
 * digits, then a capitalised word ("A", "I" or "Surgeon") followed by a space.
 */
function isJoinedSentenceStart(text: string, i: number): boolean {
  if (!/\d/.test(text[i - 1] ?? '') || !/\d/.test(text[i - 2] ?? '')) return false;
  const word = /^\p{Lu}\p{Ll}*(?=\s)/u.exec(text.slice(i, i + 30));
  return word !== null && (word[0].length === 1 ? /[AI]/.test(word[0]) : true);
}

function trimSpan(text: string, start: number, end: number): TextSpan | null {
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s += 1;
  while (e > s && isSpace(text[e - 1])) e -= 1;
  if (!/[\p{L}\p{N}]/u.test(text.slice(s, e))) return null;
  return { start: s, end: e };
}

/**
 * Splits `text[from, to)` into sentences with offsets into `text`. Copes with abbreviations, sentences
 * inside curly quotes, closing quotes after the stop, sentences joined to a number ("$15,295A surgeon")
 * and stray stops (". ."). Fragments with no letter or digit are dropped. Never cuts a word.
 */
export function splitSentences(text: string, from = 0, to = text.length): TextSpan[] {
  const spans: TextSpan[] = [];
  let sentenceStart = from;
  let quoteDepth = 0;
  const push = (end: number): void => {
    const span = trimSpan(text, sentenceStart, end);
    if (span) spans.push(span);
    sentenceStart = end;
    quoteDepth = 0;
  };
  for (let i = from; i < to; i += 1) {
    const char = text[i] ?? '';
    if (char === '“') quoteDepth += 1;
    else if (char === '”') quoteDepth = Math.max(0, quoteDepth - 1);
    if (i > sentenceStart && isJoinedSentenceStart(text, i)) {
      push(i);
      continue;
    }
    if (!SENTENCE_END.has(char)) continue;
    let end = i + 1;
    while (end < to && (SENTENCE_END.has(text[end] ?? '') || CLOSERS.has(text[end] ?? ''))) {
      if (text[end] === '”') quoteDepth = Math.max(0, quoteDepth - 1);
      end += 1;
    }
    if (end < to && !isSpace(text[end])) continue;
    let next = end;
    while (next < to && isSpace(text[next])) next += 1;
    if (next < to && !startsSentence(text[next])) continue;
    if (char === '.' && ABBREVIATIONS.has(wordBefore(text, i, sentenceStart))) continue;
    if (quoteDepth > 0 && next < to && i - sentenceStart < 600) continue;
    push(end);
    i = end - 1;
  }
  if (sentenceStart < to) push(to);
  return spans;
}
