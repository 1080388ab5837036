/**
 * zod schemas of what reaches the Direct Line routes: the browser's request bodies, the bot's replies
 * (Bot Connector API), and Azure's token answer. Fields the browser may not set are dropped, not
 * forwarded: the server sets `from.id`, `id`, `timestamp`, `conversation`, `recipient` and `serviceUrl`.
 */
import { z } from 'zod';

/** Longest message text accepted from the browser (characters). Longer texts get a 400. */
export const maxClientTextLength = 16_000;

const shortText = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const jsonObject = z.record(z.string(), z.unknown());

/** Body of `POST /v3/directline/conversations` (DirectLineJS sends `{ user: { id? }, locale? }`). */
export const startConversationBodySchema = z
  .object({
    user: z.object({ id: shortText(256).optional(), name: shortText(256).optional() }).loose().optional(),
    locale: shortText(35).optional(),
  })
  .loose();

/** Body of `POST /api/directline/token`: nothing (an empty object or no body). */
export const tokenRequestBodySchema = z.object({}).strict();

/**
 * An event name as it is compared: NFKC-normalised (full-width letters and dot become plain ones), white
 * space and invisible format characters (zero-width space and joiners, byte-order mark, soft hyphen)
 * removed, lower case — so ` handoff.status`, `\u200bhandoff.status` or `ｈａｎｄｏｆｆ.status` are
 * recognised as `handoff.status`.
 */
function comparableEventName(name: string): string {
  return name.normalize('NFKC').replace(/[\s\p{Cf}]+/gu, '').toLowerCase();
}

/** The activity types the browser may post. */
export const clientActivityTypes = ['message', 'event', 'typing'] as const;

/** Body of `POST /v3/directline/conversations/{id}/activities`, as Web Chat posts it. */
export const clientActivitySchema = z.object({
  type: z.enum(clientActivityTypes, { error: `must be one of ${clientActivityTypes.join(', ')}` }),
  text: shortText(maxClientTextLength).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: shortText(35).optional(),
  localTimestamp: shortText(64).optional(),
  localTimezone: shortText(64).optional(),
  // A patient's page must not end, accept or fake a handoff: those events come from staff (console, contact center).
  name: shortText(256)
    .refine((name) => !comparableEventName(name).startsWith('handoff.'), 'handoff events come from the clinic’s staff, not from the chat page')
    .optional(),
  value: z.unknown().optional(),
  from: z.object({ id: shortText(256).optional(), name: shortText(256).optional() }).loose().optional(),
  channelData: z.object({ clientActivityID: shortText(128).optional() }).loose().optional(),
  entities: z.array(jsonObject).max(16, 'must have at most 16 entities').optional(),
  attachments: z.array(z.unknown()).max(0, 'file uploads are not supported').optional(),
});

/** A browser activity after validation. */
export type ClientActivity = z.infer<typeof clientActivitySchema>;

/** Body of the bot's `POST /v3/conversations/{id}/activities[/{activityId}]`: any activity with a type. */
export const botActivitySchema = z.object({ type: shortText(64).min(1, 'is required') }).loose();

/** A bot activity after validation. */
export type BotActivity = z.infer<typeof botActivitySchema>;

/** Azure's answer to `POST …/tokens/generate` (and to `…/tokens/refresh`). */
export const azureTokenResponseSchema = z
  .object({ conversationId: z.string().min(1), token: z.string().min(1), expires_in: z.number().int().positive() })
  .loose();

/** The `watermark` query parameter: empty or a non-negative integer. */
export const watermarkSchema = z
  .union([z.literal(''), z.string().regex(/^\d{1,15}$/, 'must be a number')])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : Number(value)));

/** A one-line description of a zod error for a 400 response: `field: problem; field: problem`. */
export function describeIssues(error: z.ZodError, subject: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${[subject, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}
