/**
 * Activities shaped like the ones Microsoft Teams posts to a bot: channelId `msteams`,
 * `conversation.conversationType` and `tenantId`, `channelData.tenant` (and team/channel in
 * a channel), Teams-style ids (`29:` users, `28:` bots, `19:` threads), `from.aadObjectId`, `<at>` mention
 * text with its mention entity, Adaptive Card `Action.Submit` messages (a `value` and no text), and the
 * conversationUpdate sent when the app is installed.
 */
import { randomUUID } from 'node:crypto';

/** The clinic's tenant in the tests. */
export const clinicTenantId = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
/** Another organisation's tenant. */
export const otherTenantId = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
/** The bot as Teams names it (`28:` + its Microsoft App ID). */
export const teamsBot = { id: '28:3d1f7a52-64d5-4c41-9a44-0b1b6f1a2c3e', name: 'Spine Assistant' };

/** Where a Teams test conversation happens. */
export type TeamsScope = 'personal' | 'groupChat' | 'channel';

/** Options of {@link teamsConversation}. */
export interface TeamsConversationOptions {
  scope?: TeamsScope;
  tenantId?: string;
  /** The sender's Microsoft Entra object id. */
  aadObjectId?: string;
}

/** Activities of one Teams conversation. */
export function teamsConversation(options: TeamsConversationOptions = {}) {
  const scope = options.scope ?? 'personal';
  const tenantId = options.tenantId ?? clinicTenantId;
  const aadObjectId = options.aadObjectId ?? randomUUID();
  const thread = `19:${randomUUID().replace(/-/g, '')}@thread.${scope === 'channel' ? 'tacv2' : 'v2'}`;
  const conversationId = scope === 'personal' ? `a:1${randomUUID().replace(/-/g, '')}` : scope === 'channel' ? `${thread};messageid=${Date.now()}` : thread;
  const user = { id: `29:1${randomUUID().replace(/-/g, '')}`, name: 'Dana Staff', aadObjectId };
  const channelData = {
    tenant: { id: tenantId },
    ...(scope === 'channel' ? { team: { id: `19:${randomUUID().replace(/-/g, '')}@thread.tacv2` }, channel: { id: thread } } : {}),
  };
  const base = () => ({
    id: `1${Date.now()}${Math.floor(Math.random() * 1000)}`,
    channelId: 'msteams',
    // Teams' own is https://smba.trafficmanager.net/<region>/; loopback here, so nothing can leave the
    // machine (expectReplies answers in the response anyway).
    serviceUrl: 'http://127.0.0.1:9/emea/',
    conversation: { id: conversationId, conversationType: scope, tenantId, ...(scope === 'personal' ? {} : { isGroup: true }) },
    from: user,
    recipient: teamsBot,
    channelData,
    locale: 'en-GB',
    timestamp: new Date().toISOString(),
  });
  const mention = { type: 'mention', text: `<at>${teamsBot.name}</at>`, mentioned: teamsBot };
  return {
    conversationId,
    user,
    /** A typed message without a mention. */
    message: (text: string) => ({ ...base(), type: 'message', textFormat: 'plain', text }),
    /** "<at>Spine Assistant</at> text", with its mention entity. */
    mentioning: (text: string) => ({
      ...base(),
      type: 'message',
      textFormat: 'plain',
      text: `<at>${teamsBot.name}</at> ${text}`,
      entities: [mention, { type: 'clientInfo', locale: 'en-GB', platform: 'Web' }],
    }),
    /** A click on an Adaptive Card `Action.Submit` button: its data as `value`, no text. */
    submit: (value: Record<string, unknown>) => ({ ...base(), type: 'message', value, replyToId: `1${Date.now()}` }),
    /** The conversationUpdate Teams sends when the app is installed (the bot is added). */
    installed: () => ({
      ...base(),
      type: 'conversationUpdate',
      membersAdded: [{ id: teamsBot.id }],
      channelData: { ...channelData, eventType: scope === 'channel' ? 'teamMemberAdded' : undefined },
    }),
    /** The conversationUpdate when another person joins. */
    personJoined: () => ({
      ...base(),
      type: 'conversationUpdate',
      membersAdded: [{ id: `29:1${randomUUID().replace(/-/g, '')}`, aadObjectId: randomUUID() }],
      channelData: { ...channelData, ...(scope === 'channel' ? { eventType: 'teamMemberAdded' } : {}) },
    }),
  };
}

/** A Teams reply as it comes back in an expectReplies response. */
export interface TeamsReply {
  type: string;
  text?: string;
  textFormat?: string;
  entities?: Array<Record<string, unknown>>;
  attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
  suggestedActions?: unknown;
  channelData?: { outcome?: string; quotes?: Array<{ documentId: string; start: number; end: number }>; [key: string]: unknown };
}

/** The Teams citation claims of a reply. */
export interface TeamsClaim {
  '@type': string;
  position: number;
  appearance: { '@type': string; name: string; abstract: string; text: string; encodingFormat?: string; url?: string; image?: unknown };
}

/** The citation entity's claims (none when the reply has no citation entity). */
export function claimsOf(reply: TeamsReply): TeamsClaim[] {
  const entity = reply.entities?.find((candidate) => candidate['type'] === 'https://schema.org/Message');
  return (entity?.['citation'] as TeamsClaim[] | undefined) ?? [];
}

/** The Action.Submit buttons of a reply's Adaptive Card. */
export function cardButtons(reply: TeamsReply): Array<{ type: string; title: string; data?: Record<string, unknown> }> {
  const card = reply.attachments?.find((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive');
  return (card?.content['actions'] as Array<{ type: string; title: string; data?: Record<string, unknown> }> | undefined) ?? [];
}
