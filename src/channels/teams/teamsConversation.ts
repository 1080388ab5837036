/**
 * Reading Teams activities: the kind of conversation (personal chat, group chat, channel), whether a
 * message @mentions the bot, the question without its mention markup, card submits, the sender's tenant
 * and Microsoft Entra object id, and when a conversationUpdate deserves the welcome. Teams' payloads are
 * checked with zod; anything unexpected reads as "not there".
 */
import { TurnContext, type Activity } from 'botbuilder';
import { z } from 'zod';

/** `activity.channelId` of Teams. */
export const teamsChannelId = 'msteams';

/** Where a Teams conversation happens. */
export type TeamsConversationType = 'personal' | 'groupChat' | 'channel';

const mentionSchema = z.object({
  type: z.literal('mention'),
  text: z.string().max(1024).optional(),
  mentioned: z.object({ id: z.string(), name: z.string().optional() }).loose(),
});

const teamsChannelDataSchema = z
  .object({
    tenant: z.object({ id: z.string() }).loose().optional(),
    team: z.object({ id: z.string() }).loose().optional(),
    channel: z.object({ id: z.string() }).loose().optional(),
  })
  .loose();

const conversationTypes = ['personal', 'groupChat', 'channel'] as const;

/** Whether the activity comes from Teams. */
export function isTeamsActivity(activity: Partial<Activity>): boolean {
  return activity.channelId === teamsChannelId;
}

/**
 * The conversation's type: `conversation.conversationType` as Teams sends it, else inferred (a group
 * conversation with a team or channel in channelData is a channel, another group one a group chat).
 */
export function conversationTypeOf(activity: Partial<Activity>): TeamsConversationType {
  const declared = conversationTypes.find((type) => type === activity.conversation?.conversationType);
  if (declared) return declared;
  if (!activity.conversation?.isGroup) return 'personal';
  const data = teamsChannelDataSchema.safeParse(activity.channelData);
  return data.success && (data.data.team || data.data.channel) ? 'channel' : 'groupChat';
}

function mentions(activity: Partial<Activity>): Array<z.infer<typeof mentionSchema>> {
  return (activity.entities ?? []).flatMap((entity) => {
    const parsed = mentionSchema.safeParse(entity);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Whether the message @mentions the bot (a mention entity naming the recipient). */
export function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return botId !== undefined && mentions(activity).some((mention) => mention.mentioned.id === botId);
}

/** Whether the message is a card's submit button: a `value` and no text (Adaptive Card `Action.Submit`). */
export function isCardSubmit(activity: Partial<Activity>): boolean {
  return typeof activity.value === 'object' && activity.value !== null && (activity.text ?? '').trim() === '';
}

/**
 * Removes the bot's @mention from the message (botbuilder's `removeRecipientMention`, for every
 * occurrence), turns other people's mentions into their plain names, and stores the result as the
 * activity's text so every later step (the screening included) reads the clean question.
 */
export function cleanMentions(activity: Activity): string {
  if (typeof activity.text !== 'string') return '';
  const valid = mentions(activity);
  // botbuilder's helper on a copy holding only well-formed mentions (it would throw on a mention
  // entity without `mentioned`); it removes the first mention of the bot, the loop below the rest.
  const copy: Activity = { ...activity, entities: valid };
  let text = activity.recipient ? (TurnContext.removeRecipientMention(copy) ?? activity.text) : activity.text;
  for (const mention of valid) {
    if (!mention.text) continue;
    const replacement = mention.mentioned.id === activity.recipient?.id ? ' ' : (mention.mentioned.name ?? stripTags(mention.text));
    text = text.split(mention.text).join(replacement);
  }
  activity.text = stripTags(text).replace(/[ \t\u00a0]+/g, ' ').trim();
  return activity.text;
}

/** `<at>Name</at>` → `Name`. */
function stripTags(text: string): string {
  return text.replace(/<at>([\s\S]*?)<\/at>/gi, '$1');
}

/** The sender's Microsoft Entra tenant id (`channelData.tenant.id`, else `conversation.tenantId`), lower case. */
export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  const data = teamsChannelDataSchema.safeParse(activity.channelData);
  const id = (data.success ? data.data.tenant?.id : undefined) ?? activity.conversation?.tenantId;
  return id ? id.toLowerCase() : undefined;
}

/** The sender's Microsoft Entra object id (`from.aadObjectId`), lower case. */
export function aadObjectIdOf(activity: Partial<Activity>): string | undefined {
  const id = activity.from?.aadObjectId;
  return typeof id === 'string' && id !== '' ? id.toLowerCase() : undefined;
}

/**
 * When a Teams conversationUpdate gets the welcome: when the bot itself was added (the app installed in
 * a personal chat, a group chat or a team), and when a person joins a personal chat — not every time
 * someone joins a team or a group chat the bot is already in.
 */
export function teamsWelcomes(activity: Partial<Activity>): boolean {
  const added = activity.membersAdded ?? [];
  const botId = activity.recipient?.id;
  if (botId !== undefined && added.some((member) => member.id === botId)) return true;
  return added.length > 0 && conversationTypeOf(activity) === 'personal';
}
