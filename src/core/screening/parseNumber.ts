/**
 * Numbers in free text: digits ("7", "7.5") and English number words ("seven", "twenty-five"), and the
 * normalisation every screening answer goes through first.
 */

const smallNumbers: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const tens: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

const smallWords = Object.keys(smallNumbers).join('|');
const tensWords = Object.keys(tens).join('|');

/** A number written in words, as a regular expression source: "seven", "twenty", "twenty-five". */
export const numberWordPattern = `(?:(?:${tensWords})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|${smallWords})`;

/** A number in digits or words, as a regular expression source. */
export const numberPattern = `(?:\\d+(?:[.,]\\d+)?|${numberWordPattern})`;

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

/** The value of a number in digits or words (as matched by {@link numberPattern}); NaN when not one. */
export function numberValue(text: string): number {
  const folded = text.trim().toLowerCase();
  if (/^\d+(?:[.,]\d+)?$/.test(folded)) return Number(folded.replace(',', '.'));
  const small = smallNumbers[folded];
  if (small !== undefined) return small;
  const [tensWord, unitWord] = folded.split(/[- ]/);
  const tensValue = tensWord === undefined ? undefined : tens[tensWord];
  if (tensValue === undefined) return Number.NaN;
  if (unitWord === undefined) return tensValue;
  const unitValue = smallNumbers[unitWord];
  return unitValue !== undefined && unitValue >= 1 && unitValue <= 9 ? tensValue + unitValue : Number.NaN;
}

/** Escapes a literal for use in a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
export function parseSingleNumber(text: string): number | undefined {
  const withoutScale = normalizeAnswerText(text).replace(/\s*(?:\/|out of)\s*(?:10|ten)\b/g, ' ');
  const matches = withoutScale.match(new RegExp(`(?<![\\p{L}\\p{N}.,])-?${numberPattern}(?![\\p{L}\\p{N}])`, 'gu')) ?? [];
  const values = [...new Set(matches.map((match) => (match.startsWith('-') ? -numberValue(match.slice(1)) : numberValue(match))))];
  if (values.length !== 1) return undefined;
  const [value] = values;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}
