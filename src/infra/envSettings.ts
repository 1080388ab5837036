/**
 * Building blocks of the environment-variable schemas (server, channels, handoff): a blank value counts
 * as not set, and whole-number settings say what they count and their range.
 */
import { z } from 'zod';

/** A blank or whitespace-only string is treated as an unset variable (so its default applies). */
export const blankAsUnset = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * A whole-number setting between `min` and `max`, `fallback` when unset; `what` names the unit in the
 * error ("a number of seconds").
 */
export const wholeNumberSetting = (what: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: `must be ${what}` })
      .int({ error: `must be a whole number (${what})` })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );
