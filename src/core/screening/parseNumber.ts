/**
 * Numbers in free text: digits ("7", "7.5") and number words ("seven", "twenty-five", from
 * `dialogs/answerWords.json`), and the normalisation every screening answer goes through first.
 */
import { escapeRegExp, type AnswerWords } from './answerWords';

/**
 * Folds an answer for matching: lower case, straight apostrophes, single spaces, no surrounding
 * punctuation ("Yes!" → "yes", "“Not sure.”" → "not sure").
 */
export function normalizeAnswerText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s"'.,!?;:()]+|[\s"'.,!?;:()]+$/g, '');
}

/** Whether `phrase` occurs in `text` as whole words (both already normalised). */
export function containsPhrase(text: string, phrase: string): boolean {
  const folded = normalizeAnswerText(phrase);
  if (folded === '') return false;
  return new RegExp(`(?:^|[^\\p{L}\\p{N}'])${escapeRegExp(folded)}(?:$|[^\\p{L}\\p{N}'])`, 'u').test(text);
}

/** Whether `text` starts with `phrase` as whole words (both already normalised). */
export function startsWithPhrase(text: string, phrase: string): boolean {
  const folded = normalizeAnswerText(phrase);
  if (folded === '') return false;
  return new RegExp(`^${escapeRegExp(folded)}(?:$|[^\\p{L}\\p{N}'])`, 'u').test(text);
}

/**
 * The one number an answer gives, e.g. "7", "about 7", "7/10", "7 out of 10", "seven". Undefined when
 * it gives none or several different ones ("6 or 7").
 */
export function parseSingleNumber(text: string, words: AnswerWords): number | undefined {
  const withoutScale = normalizeAnswerText(text).replace(new RegExp(`\\s*${words.outOfTenPattern}`, 'g'), ' ');
  const matches = withoutScale.match(new RegExp(`(?<![\\p{L}\\p{N}.,])-?${words.numberPattern}(?![\\p{L}\\p{N}])`, 'gu')) ?? [];
  const values = [...new Set(matches.map((match) => (match.startsWith('-') ? -words.numberValue(match.slice(1)) : words.numberValue(match))))];
  if (values.length !== 1) return undefined;
  const [value] = values;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}
