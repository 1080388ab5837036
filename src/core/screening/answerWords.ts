/**
 * The words of numbers, lengths of time and dates in screening answers (`dialogs/answerWords.json`),
 * validated with zod and compiled once at startup into the patterns parseNumber.ts and parseTime.ts use.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readContentFile } from '../content/readContentFile';
import { durationUnits, type DurationUnit } from './durationUnits';

/** The file's name inside the dialogs folder. */
export const answerWordsFileName = 'answerWords.json';

const phrase = z.string().trim().toLowerCase().min(1).max(40);
const phrases = z.array(phrase).min(1).max(100);
const values = z.record(phrase, z.number().min(0).max(1000));

/** Schema of `dialogs/answerWords.json`. */
export const answerWordsSchema = z.strictObject({
  $comment: z.string().optional(),
  numbers: z.strictObject({
    /** Number words up to nineteen with their values; those from 1 to 9 also follow a tens word ("twenty-five"). */
    units: values,
    /** Tens words ("twenty") with their values. */
    tens: values,
    /** Words of a scale ("7 out of 10"). */
    outOf: phrases,
  }),
  time: z.strictObject({
    /** Spellings of each unit of time. */
    units: z.strictObject(Object.fromEntries(durationUnits.map((unit) => [unit, phrases])) as Record<DurationUnit, typeof phrases>),
    /** Words that stand for a number of units ("a couple of" → 2). */
    quantities: values,
    /** Words between the ends of a range ("2 to 3 weeks"); "-" always works. */
    rangeWords: phrases,
    /** What adds half a unit after the unit ("a year and a half"). */
    andAHalf: phrases,
    /** Words that add durations up ("1 year and 2 months"). */
    and: phrases,
    /** Words that offer alternatives ("2 or 3 weeks": the longest counts). */
    or: phrases,
    /** Words before a duration that make it "more than" (a day more). */
    moreThan: phrases,
    /** Words before a duration that make it "less than" (a day less). */
    lessThan: phrases,
    /** Phrases that name a fixed time ago ("yesterday" → 1 day). */
    fixed: z.array(z.strictObject({ phrases, amount: z.number().min(0), unit: z.enum(durationUnits) })).max(50),
  }),
  dates: z.strictObject({
    /** The twelve months, January first, each with its spellings. */
    months: z.array(phrases).length(12),
    /** Ordinal endings after a day of the month ("15th"). */
    ordinalSuffixes: phrases,
    /** The word between a day and its month ("15th of March"). */
    dayOf: phrases,
    /** Words that make a month alone a date ("in March", "since May", "mid-June"). */
    monthAnchors: phrases,
  }),
});

/** The words as stored. */
export type AnswerWordsContent = z.infer<typeof answerWordsSchema>;

/** The words compiled for the parsers: regular expression sources (no flags) and lookups. */
export interface AnswerWords {
  /** A number in digits or words. */
  numberPattern: string;
  /** The value of a number matched by `numberPattern`; NaN when not one. */
  numberValue: (text: string) => number;
  /** "out of" ten, or "/" ten. */
  outOfTenPattern: string;
  /** One duration (global): groups quantity, upper end of a range, unit, "and a half". */
  durationPattern: RegExp;
  /** The value of a quantity word; undefined for a number. */
  quantities: ReadonlyMap<string, number>;
  /** The unit of a spelling. */
  units: ReadonlyMap<string, DurationUnit>;
  andPattern: RegExp;
  orPattern: RegExp;
  /** "more than" right before a duration (tested on the text before it). */
  moreThan: RegExp;
  lessThan: RegExp;
  fixed: ReadonlyArray<{ pattern: RegExp; amount: number; unit: DurationUnit }>;
  /** A month (any spelling). */
  monthPattern: string;
  /** The month index (0 for January) of a spelling. */
  months: ReadonlyMap<string, number>;
  ordinalPattern: string;
  dayOfPattern: string;
  monthAnchorPattern: string;
}

/** Escapes a literal for use in a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A non-capturing alternation of the phrases, longest first. */
function alternation(list: Iterable<string>): string {
  return `(?:${[...new Set(list)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(escapeRegExp).join('|')})`;
}

/** Compiles the words for the parsers. */
export function compileAnswerWords(content: AnswerWordsContent): AnswerWords {
  const { numbers, time, dates } = content;
  const digits = Object.entries(numbers.units).filter(([, value]) => value >= 1 && value <= 9).map(([word]) => word);
  const numberWordPattern = `(?:${alternation(Object.keys(numbers.tens))}(?:[- ]${alternation(digits)})?|${alternation(Object.keys(numbers.units))})`;
  const numberValue = (text: string): number => {
    const folded = text.trim().toLowerCase();
    if (/^\d+(?:[.,]\d+)?$/.test(folded)) return Number(folded.replace(',', '.'));
    const small = numbers.units[folded];
    if (small !== undefined) return small;
    const [tensWord, unitWord] = folded.split(/[- ]/);
    const tensValue = tensWord === undefined ? undefined : numbers.tens[tensWord];
    if (tensValue === undefined) return Number.NaN;
    if (unitWord === undefined) return tensValue;
    const unitValue = numbers.units[unitWord];
    return unitValue !== undefined && unitValue >= 1 && unitValue <= 9 ? tensValue + unitValue : Number.NaN;
  };
  const numberPattern = `(?:\\d+(?:[.,]\\d+)?|${numberWordPattern})`;
  const tenWords = Object.entries(numbers.units).filter(([, value]) => value === 10).map(([word]) => word);
  const units = new Map(durationUnits.flatMap((unit) => time.units[unit].map((spelling): [string, DurationUnit] => [spelling, unit])));
  const months = new Map(dates.months.flatMap((spellings, index) => spellings.map((spelling): [string, number] => [spelling, index])));
  return {
    numberPattern,
    numberValue,
    outOfTenPattern: `(?:\\/|${alternation(numbers.outOf)})\\s*(?:10|${alternation(tenWords.length > 0 ? tenWords : ['10'])})\\b`,
    durationPattern: new RegExp(
      `(?<![\\p{L}\\p{N}])(${numberPattern}|${alternation(Object.keys(time.quantities))})(?:\\s*(?:-|${alternation(time.rangeWords)})\\s*(${numberPattern}))?` +
        `\\s+(${alternation(units.keys())})(\\s+${alternation(time.andAHalf).replace(/ /g, '\\s+')})?(?![\\p{L}\\p{N}])`,
      'gu',
    ),
    quantities: new Map(Object.entries(time.quantities)),
    units,
    andPattern: new RegExp(`\\b${alternation(time.and)}\\b`),
    orPattern: new RegExp(`\\b${alternation(time.or)}\\b`),
    moreThan: new RegExp(`\\b${alternation(time.moreThan)}\\s*$`),
    lessThan: new RegExp(`\\b${alternation(time.lessThan)}\\s*$`),
    fixed: time.fixed.map((entry) => ({ pattern: new RegExp(`\\b${alternation(entry.phrases)}\\b`), amount: entry.amount, unit: entry.unit })),
    monthPattern: `(${alternation(months.keys())})`,
    months,
    ordinalPattern: `${alternation(dates.ordinalSuffixes)}?`,
    dayOfPattern: alternation(dates.dayOf),
    monthAnchorPattern: alternation(dates.monthAnchors),
  };
}

/** Reads, validates and compiles `answerWords.json`; throws a ContentError naming the file and each problem. */
export function loadAnswerWords(dialogsDir: string): AnswerWords {
  return compileAnswerWords(readContentFile(join(dialogsDir, answerWordsFileName), answerWordsSchema));
}
