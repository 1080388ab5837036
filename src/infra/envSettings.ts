/**
 * The one way settings are read from environment variables (server, channels, handoff, the Teams
 * package): a zod schema per loader parsed by {@link parseEnvSettings}, which reports every problem at
 * once; a blank value counts as not set, and whole-number settings say what they count and their range.
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

/** The error class a settings loader throws (its own, so callers can tell whose settings failed). */
export type SettingsErrorClass = new (message: string) => Error;

/** How {@link parseEnvSettings} reports settings it cannot use. */
export interface EnvSettingsReport {
  /** The error class to throw. */
  error: SettingsErrorClass;
  /** The message's first words, e.g. `config: invalid settings`; `(see .env.example):` follows. */
  heading: string;
  /**
   * Whether the schema's messages read as the end of a sentence after the variable's name
   * (`MicrosoftAppId is missing`) rather than after a colon (`PORT: must be …`). Default false.
   */
  sentences?: boolean;
}

/**
 * Parses `env` with a loader's schema; on failure throws `report.error` with one message that starts
 * with `report.heading`, points at .env.example and lists each variable and what is wrong (never its value).
 */
export function parseEnvSettings<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv, report: EnvSettingsReport): z.output<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const separator = report.sentences ? ' ' : ': ';
    const problems = parsed.error.issues.map((issue) => `  - ${String(issue.path[0] ?? '(environment)')}${separator}${issue.message}`);
    throw new report.error(`${report.heading} (see .env.example):\n${problems.join('\n')}`);
  }
  return parsed.data;
}
