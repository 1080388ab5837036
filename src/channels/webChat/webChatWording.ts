/**
 * The Web Chat page's wording (`dialogs/webChatWording.json`): the clinic's name and the disclaimer the
 * page shows when `CLINIC_NAME` and `WEBCHAT_DISCLAIMER` are not set. Validated with zod at startup;
 * errors name the file and the field.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readContentFile } from '../../core/content/readContentFile';
import { defaultContentLocation } from '../../core/loadAnswerEngine';

/** A line of page text: trimmed, at most `max` characters, no line break. */
export const pageLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .refine((value) => !/[\r\n]/.test(value), 'must be one line');

/** Schema of `dialogs/webChatWording.json`. */
export const webChatWordingSchema = z.strictObject({
  $comment: z.string().optional(),
  /** Page heading and title. */
  clinicName: pageLine(80).pipe(z.string().min(1)),
  /** Shown under the heading: information, not medical advice; the emergency number. */
  disclaimer: pageLine(500).pipe(z.string().min(1)),
});

/** The page wording as stored. */
export type WebChatWording = z.infer<typeof webChatWordingSchema>;

/** The file's name inside the dialogs folder. */
export const webChatWordingFileName = 'webChatWording.json';

/** Reads and validates the page wording; throws a ContentError naming the file and each problem. */
export function loadWebChatWording(dialogsDir: string = defaultContentLocation.dialogsDir): WebChatWording {
  return readContentFile(join(dialogsDir, webChatWordingFileName), webChatWordingSchema);
}
