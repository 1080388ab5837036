/**
 * Wording of the privacy and state middleware (`dialogs/privacyWording.json`): the "forget me" phrases,
 * the confirmation, and the request to resend after a state conflict. Validated with zod at startup.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defaultDialogsDir } from '../botWording';

/** Schema of `dialogs/privacyWording.json`. */
export const privacyWordingSchema = z.object({
  $comment: z.string().optional(),
  forgetMe: z.object({
    /** Whole messages (case, spaces and punctuation folded) that ask the bot to forget the user. */
    phrases: z.array(z.string().trim().min(3).max(80)).min(1),
    /** The confirmation; `{retentionHours}` and `{clinicName}` are filled in. */
    confirmation: z.string().trim().min(1),
  }),
  /** Asks the user to send the last message again (the turn lost a race for the conversation's state). */
  resend: z.string().trim().min(1),
});

/** The privacy wording as stored. */
export type PrivacyWording = z.infer<typeof privacyWordingSchema>;

/** The file's name inside the dialogs folder. */
export const privacyWordingFileName = 'privacyWording.json';

/** Reads and validates the wording; throws an error naming the file and the invalid fields. */
export function loadPrivacyWording(dialogsDir: string = defaultDialogsDir): PrivacyWording {
  const file = path.join(dialogsDir, privacyWordingFileName);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`privacyWording: cannot read ${file}: ${reason}`);
  }
  const parsed = privacyWordingSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new Error(`privacyWording: invalid ${file}:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/** Folds case, spaces and punctuation so "Forget me!" matches "forget me". */
export function foldPhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
