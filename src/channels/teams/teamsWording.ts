/**
 * The bot's Teams-only wording (`dialogs/teamsWording.json`): the staff paste trigger, its source line,
 * and the note on a trimmed reply. Validated with zod at startup; errors name the file and the field.
 */
import path from 'node:path';
import { z } from 'zod';
import { readWordingFile } from '../../core/content/readContentFile';
import { defaultDialogsDir } from '../../bot/botWording';

/** Schema of `dialogs/teamsWording.json`. */
export const teamsWordingSchema = z.object({
  $comment: z.string().optional(),
  paste: z.object({
    /** Prefixes that ask for an answer to paste ("paste: how long does it take?"), compared case-insensitively. */
    prefixes: z.array(z.string().trim().min(1).max(20)).min(1).max(10),
    /** Label of the source line ("Source: <title>"). */
    sourceLabel: z.string().trim().min(1).max(40),
    /** Word before the date the clinic reviewed the document ("reviewed 2026-11-22"). */
    reviewedLabel: z.string().trim().min(1).max(40),
    /** Said before the usual answer when someone who is not staff asks for one to paste. */
    staffOnly: z.string().trim().min(1).max(300),
  }),
  /** Note under a reply that left passages out to fit Teams' size limit; `{count}` is their number. */
  trimmed: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .refine((text) => text.includes('{count}'), { message: 'must contain {count}' }),
});

/** The Teams wording as stored. */
export type TeamsWording = z.infer<typeof teamsWordingSchema>;

/** The file's name inside the dialogs folder. */
export const teamsWordingFileName = 'teamsWording.json';

/** Reads and validates the wording; throws an error naming the file and the invalid fields. */
export function loadTeamsWording(dialogsDir: string = defaultDialogsDir): TeamsWording {
  const file = path.join(dialogsDir, teamsWordingFileName);
  return readWordingFile('teamsWording', file, teamsWordingSchema);
}
