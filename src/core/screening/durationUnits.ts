/** The units of a duration answer and their length in days. */

/** Units of a duration answer. */
export const durationUnits = ['day', 'week', 'month', 'year'] as const;

/** One duration unit. */
export type DurationUnit = (typeof durationUnits)[number];

/** Days per duration unit (a month counts 30 days, a year 365). */
export const daysPerUnit: Readonly<Record<DurationUnit, number>> = { day: 1, week: 7, month: 30, year: 365 };
