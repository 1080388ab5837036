/**
 * The bot's wording (`dialogs/botWording.json`): welcome, disclaimer, action titles and the replies
 * that are not answers (the screening's wording is in `dialogs/screening.json`). Validated with zod when the bot starts.
 */
import path from 'node:path';
import { z } from 'zod';
import { readWordingFile } from '../core/content/readContentFile';

/** Placeholders a wording text may use. */
export const wordingPlaceholders = ['clinicName', 'clinicPhone'] as const;

type WordingPlaceholder = (typeof wordingPlaceholders)[number];

const placeholderPattern = /\{([A-Za-z]+)\}/g;

function isPlaceholder(name: string | undefined): name is WordingPlaceholder {
  return wordingPlaceholders.some((placeholder) => placeholder === name);
}

const wordingText = z
  .string()
  .trim()
  .min(1)
  .refine((text) => [...text.matchAll(placeholderPattern)].every((match) => isPlaceholder(match[1])), {
    message: `uses an unknown placeholder (known: ${wordingPlaceholders.map((p) => `{${p}}`).join(', ')})`,
  });

const actionTitle = wordingText.max(60);

/** Schema of `dialogs/botWording.json`. */
export const botWordingSchema = z.object({
  $comment: z.string().optional(),
  clinic: z.object({
    /** The clinic's name as used in a sentence ("the spine clinic", "Example Spine Centre"). */
    name: z.string().trim().min(1),
    /** The clinic's phone number for patients; empty when not configured. */
    phone: z.string().trim(),
  }),
  welcome: z.object({ greeting: wordingText, disclaimer: wordingText }),
  actions: z.object({
    startScreening: actionTitle,
    askQuestion: actionTitle,
    talkToPerson: actionTitle,
    helpful: actionTitle,
    notHelpful: actionTitle,
  }),
  replies: z.object({
    askQuestion: wordingText,
    handoffWithPhone: wordingText.refine((text) => text.includes('{clinicPhone}'), {
      message: 'must contain {clinicPhone}',
    }),
    handoffWithoutPhone: wordingText.refine((text) => !text.includes('{clinicPhone}'), {
      message: 'must not contain {clinicPhone}',
    }),
    feedbackHelpful: wordingText,
    feedbackNotHelpful: wordingText,
    error: wordingText,
  }),
  /** Small-talk intents whose reply also offers the welcome's three actions. */
  mainActionsAfterSmalltalk: z.array(z.string().min(1)),
  /** A question the documents answer: `/readyz` asks it and is ready only when the answer has quotes. */
  readinessProbeQuestion: z.string().trim().min(1),
});

/** The bot's wording as stored. */
export type BotWording = z.infer<typeof botWordingSchema>;

/** The wording file's name inside the dialogs folder. */
export const botWordingFileName = 'botWording.json';

/** The repository's dialogs folder. */
export const defaultDialogsDir = path.resolve(__dirname, '../../dialogs');

/** Reads and validates the wording; throws an error naming the file and the invalid fields. */
export function loadBotWording(dialogsDir: string = defaultDialogsDir): BotWording {
  const file = path.join(dialogsDir, botWordingFileName);
  return readWordingFile('botWording', file, botWordingSchema);
}

/** Overrides of the wording's clinic block (from configuration). */
export interface ClinicOverrides {
  clinicName?: string;
  clinicPhone?: string;
}

/** Returns the wording with the clinic block overridden where `overrides` has values. */
export function withClinic(wording: BotWording, overrides: ClinicOverrides): BotWording {
  return {
    ...wording,
    clinic: { name: overrides.clinicName ?? wording.clinic.name, phone: overrides.clinicPhone ?? wording.clinic.phone },
  };
}

/** Fills `{clinicName}` and `{clinicPhone}` in a wording text. */
export function fillWording(text: string, wording: BotWording): string {
  const values: Record<WordingPlaceholder, string> = {
    clinicName: wording.clinic.name,
    clinicPhone: wording.clinic.phone,
  };
  return text.replace(placeholderPattern, (match, name: string) => (isPlaceholder(name) ? values[name] : match));
}
