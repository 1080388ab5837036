/**
 * Durations and dates in free text: "3 weeks ago", "about two months", "a year and a half", "last week",
 * "yesterday", "more than 8 weeks", "15 March 2025", "in March", "2025-03-15", with the words of
 * `dialogs/answerWords.json`. Dates are turned into the time since them with a reference date passed
 * in, so nothing here reads the clock.
 */
import type { AnswerWords } from './answerWords';
import { daysPerUnit, type DurationUnit } from './durationUnits';
import { normalizeAnswerText } from './parseNumber';

/** A length of time as understood from an answer. */
export interface ParsedDuration {
  amount: number;
  unit: DurationUnit;
  days: number;
  /** "more than" (`>`) or "less than" (`<`) the amount. */
  comparator?: '<' | '>';
  /** When the answer named a date: that date, YYYY-MM-DD. */
  since?: string;
}

/** A past date as understood from an answer. */
export interface ParsedDate {
  /** YYYY-MM-DD. */
  date: string;
  /** Whole days from the date to the reference date. */
  days: number;
}

const DAY_MS = 86_400_000;

/**
 * A duration named in the answer. Several durations joined by "and" add up ("1 year and 2 months");
 * a range ("2-3 weeks", "2 or 3 weeks") counts as its upper end; "more than" adds a day, "less than"
 * takes one off, so a boundary answer falls on the right side of a rule's limit.
 */
export function parseDuration(text: string, words: AnswerWords): ParsedDuration | undefined {
  // "3wks" → "3 wks": a unit always stands apart from its number below, so "and" is never "an" + "d".
  const folded = normalizeAnswerText(text).replace(/(\d)(?=[a-z])/g, '$1 ');
  const found: ParsedDuration[] = [];
  for (const match of folded.matchAll(words.durationPattern)) {
    const [, quantity = '', upper, unitWord = '', half] = match;
    const unit = words.units.get(unitWord) ?? 'day';
    const amount = (upper !== undefined ? words.numberValue(upper) : (words.quantities.get(quantity) ?? words.numberValue(quantity))) + (half ? 0.5 : 0);
    if (!Number.isFinite(amount)) continue;
    const before = folded.slice(0, match.index);
    const shift = words.moreThan.test(before) ? 1 : words.lessThan.test(before) ? -1 : 0;
    const comparator = shift > 0 ? { comparator: '>' as const } : shift < 0 ? { comparator: '<' as const } : {};
    found.push({ amount, unit, days: Math.max(0, Math.round(amount * daysPerUnit[unit]) + shift), ...comparator });
  }
  if (found.length === 0) {
    for (const { pattern, amount, unit } of words.fixed) {
      if (pattern.test(folded)) return { amount, unit, days: amount * daysPerUnit[unit] };
    }
    return undefined;
  }
  const [first] = found;
  if (found.length === 1 && first) return first;
  const joined = words.andPattern.test(folded) && !words.orPattern.test(folded);
  const days = joined ? found.reduce((sum, item) => sum + item.days, 0) : Math.max(...found.map((item) => item.days));
  const largest = found.reduce((best, item) => (daysPerUnit[item.unit] > daysPerUnit[best.unit] ? item : best));
  return { amount: Math.round((days / daysPerUnit[largest.unit]) * 10) / 10, unit: largest.unit, days };
}


function utcDate(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day ? date : undefined;
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** Formats a date as YYYY-MM-DD (UTC). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A day and month without a year: the latest such date that is not after `today`. */
function latestPast(month: number, day: number, today: Date): Date | undefined {
  const thisYear = utcDate(today.getUTCFullYear(), month, day);
  if (thisYear && thisYear <= today) return thisYear;
  return utcDate(today.getUTCFullYear() - 1, month, day);
}

function findDate(folded: string, today: Date, words: AnswerWords): Date | undefined {
  const { monthPattern, ordinalPattern: ordinal, dayOfPattern: dayOf, monthAnchorPattern } = words;
  const monthIndex = (word: string): number => words.months.get(word) ?? -1;
  const iso = folded.match(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/);
  if (iso) return utcDate(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  const dayMonth = folded.match(new RegExp(`\\b(\\d{1,2})${ordinal}(?: ${dayOf})? ${monthPattern}\\b(?:,? (\\d{4}))?`));
  const monthDay = folded.match(new RegExp(`\\b${monthPattern} (\\d{1,2})${ordinal}(?!\\d)(?:,? (\\d{4}))?`));
  const dated = dayMonth ? { day: dayMonth[1], month: dayMonth[2], year: dayMonth[3] } : monthDay ? { day: monthDay[2], month: monthDay[1], year: monthDay[3] } : undefined;
  if (dated?.month) {
    const month = monthIndex(dated.month);
    const day = Number(dated.day);
    return dated.year ? utcDate(Number(dated.year), month, day) : latestPast(month, day, today);
  }
  const monthYear = folded.match(new RegExp(`\\b${monthPattern},? (\\d{4})\\b`));
  if (monthYear?.[1]) return utcDate(Number(monthYear[2]), monthIndex(monthYear[1]), 1);
  // A month alone only after a word that makes it one ("in March", "since May", "mid-June"), or as the whole answer.
  const monthAlone =
    folded.match(new RegExp(`\\b${monthAnchorPattern}[\\s-]+(?:${dayOf} )?${monthPattern}\\b`)) ??
    folded.match(new RegExp(`^${monthPattern}$`));
  if (monthAlone?.[1]) return latestPast(monthIndex(monthAlone[1]), 1, today);
  return undefined;
}

/** A past date named in the answer; undefined when there is none or it lies after `now`. */
export function parseDate(text: string, now: Date, words: AnswerWords): ParsedDate | undefined {
  const today = startOfDay(now);
  const date = findDate(normalizeAnswerText(text), today, words);
  if (!date || date > today) return undefined;
  return { date: isoDate(date), days: Math.round((today.getTime() - date.getTime()) / DAY_MS) };
}

/** A number of days in the largest unit that fits (at most one decimal): 45 → 6.4 weeks, 400 → 1.1 years. */
export function durationFromDays(days: number): ParsedDuration {
  const unit: DurationUnit = days >= 365 ? 'year' : days >= 60 ? 'month' : days >= 14 ? 'week' : 'day';
  return { amount: Math.round((days / daysPerUnit[unit]) * 10) / 10, unit, days };
}

/** The date a number of days before `now`. */
export function daysBefore(now: Date, days: number): ParsedDate {
  return { date: isoDate(new Date(startOfDay(now).getTime() - days * DAY_MS)), days };
}
