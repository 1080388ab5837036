/**
 * Error messages of the bot's HTTP endpoints (`dialogs/httpErrors.json`): `POST /api/messages` and the
 * built-in Direct Line. Validated with zod at startup; errors name the file and the field.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readContentFile } from '../core/content/readContentFile';
import { defaultContentLocation } from '../core/loadAnswerEngine';

const message = z.string().trim().min(1).max(300);

/** Schema of `dialogs/httpErrors.json`. */
export const httpErrorWordingSchema = z.strictObject({
  $comment: z.string().optional(),
  /** `POST /api/messages` (messagesRoute.ts). */
  messages: z.strictObject({
    /** 503: the signing keys cannot be fetched. */
    authUnavailable: message,
    /** 401: no valid Bot Framework token. */
    unauthorized: message,
    /** 403: the serviceUrl is not allowed (local mode). */
    serviceUrlRefused: message,
    /** 429: the conversation's rate limit. */
    tooManyMessages: message,
    /** 400: the adapter refused the activity. */
    invalidActivity: message,
  }),
  /** The built-in Direct Line (directLineService.ts). */
  directLine: z.strictObject({
    conversationNotFound: message,
    tokenExpired: message,
    missingToken: message,
    invalidToken: message,
    tokenNotForConversation: message,
    tooManyRequests: message,
    botError: message,
    /** `{maxBytes}` is the limit. */
    payloadTooLarge: message.refine((text) => text.includes('{maxBytes}'), { message: 'must contain {maxBytes}' }),
  }),
});

/** The HTTP error messages as stored. */
export type HttpErrorWording = z.infer<typeof httpErrorWordingSchema>;

/** The file's name inside the dialogs folder. */
export const httpErrorWordingFileName = 'httpErrors.json';

/** Reads and validates the messages; throws a ContentError naming the file and each problem. */
export function loadHttpErrorWording(dialogsDir: string = defaultContentLocation.dialogsDir): HttpErrorWording {
  return readContentFile(join(dialogsDir, httpErrorWordingFileName), httpErrorWordingSchema);
}
