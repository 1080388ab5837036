/**
 * Wording of the privacy and state middleware (`dialogs/privacyWording.json`): the "forget me" phrases,
 * the confirmation, and the request to resend after a state conflict. Validated with zod at startup.
 */
import path from 'node:path';
import { z } from 'zod';
import { readWordingFile } from '../../core/content/readContentFile';
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
  return readWordingFile('privacyWording', file, privacyWordingSchema);
}

/** Folds case, spaces and punctuation so "Forget me!" matches "forget me". */
export function foldPhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
