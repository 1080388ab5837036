/**
 * What /api/messages accepts, checked before the bot sees it: a JSON object no deeper than
 * {@link maxActivityDepth} levels whose envelope fields have the right types and sizes. Anything else is
 * a 400 that names the field; the activity's content (text, value, attachments) is the bot's business.
 */
import { z } from 'zod';

/** Deepest nesting of objects and arrays accepted in an activity. */
export const maxActivityDepth = 32;

const account = z.object({ id: z.string().max(1024), name: z.string().max(1024).nullish(), role: z.string().max(64).nullish() }).loose();

/** The fields of an activity the server and the adapter rely on. */
export const activityEnvelopeSchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(1024).nullish(),
    channelId: z.string().min(1).max(128),
    serviceUrl: z
      .string()
      .max(2048)
      .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http(s) URL'),
    conversation: z
      .object({
        id: z.string().min(1).max(1024),
        name: z.string().max(1024).nullish(),
        isGroup: z.boolean().nullish(),
        conversationType: z.string().max(64).nullish(),
        tenantId: z.string().max(256).nullish(),
      })
      .loose(),
    from: account.optional(),
    recipient: account.optional(),
    text: z.string().nullish(),
    locale: z.string().max(64).nullish(),
    replyToId: z.string().max(1024).nullish(),
    textFormat: z.string().max(32).nullish(),
    name: z.string().max(256).nullish(),
    deliveryMode: z.string().max(64).nullish(),
    attachments: z.array(z.unknown()).max(50).nullish(),
    entities: z.array(z.unknown()).max(50).nullish(),
    membersAdded: z.array(account).max(100).nullish(),
    membersRemoved: z.array(account).max(100).nullish(),
  })
  .loose();

/** A checked activity envelope. */
export type ActivityEnvelope = z.infer<typeof activityEnvelopeSchema>;

/** Nesting depth of a JSON value, counted without recursion (so a hostile payload cannot overflow the stack). */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item || typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(item.value)) stack.push({ value: child, depth });
  }
  return deepest;
}

/** The result of {@link checkActivityEnvelope}. */
export type EnvelopeCheck = { ok: true; envelope: ActivityEnvelope } | { ok: false; message: string };

/** Checks a parsed request body. */
export function checkActivityEnvelope(body: unknown): EnvelopeCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'The request body must be a JSON object (an activity).' };
  }
  if (jsonDepth(body, maxActivityDepth) > maxActivityDepth) {
    return { ok: false, message: `The activity is nested more than ${maxActivityDepth} levels deep.` };
  }
  const parsed = activityEnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `activity.${issue.path.map(String).join('.')}: ${issue.message}`);
    return { ok: false, message: problems.join('; ') };
  }
  return { ok: true, envelope: parsed.data };
}
