import { z } from 'zod';

/** A JavaScript regular expression source that must compile; matched case-insensitively. */
export const patternSchema = z
  .string()
  .min(1, 'a pattern must not be empty')
  .refine(
    (source) => {
      try {
        new RegExp(source, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );

/** Compiles pattern sources into case-insensitive regular expressions. */
export function compilePatterns(sources: readonly string[]): RegExp[] {
  return sources.map((source) => new RegExp(source, 'i'));
}
