/**
 * Ids of the built-in Direct Line. The browser knows its conversation id; the bot sees a different,
 * derived id (`<conversationId>.<mac>`) that only the server can compute. The bot's replies are posted
 * to `/v3/conversations/<bot-side id>/activities`, so knowing a conversation id from the browser side
 * is not enough to post messages that look like the bot's.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of user ids issued with a token (reserved by Web Chat for ids embedded in tokens). */
export const tokenUserIdPrefix = 'dl_';

/** A new random conversation id (144 bits, URL-safe). */
export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

/** A new random user id for a token (`dl_…`). */
export function newTokenUserId(): string {
  return `${tokenUserIdPrefix}${randomBytes(12).toString('base64url')}`;
}

/** The id of the `seq`-th activity of a conversation, in Azure's `<conversationId>|0000042` form. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** Maps browser-side conversation ids to the ids the bot sees, and back. */
export interface BotConversationIds {
  /** The id the bot sees for `conversationId`. */
  toBot(conversationId: string): string;
  /** The browser-side conversation id of a bot-side id, or undefined when the id is not one of ours. */
  fromBot(botConversationId: string): string | undefined;
}

const macLength = 22;

/** Creates the mapping; `secret` keys the MAC (use the token secret). */
export function createBotConversationIds(secret: Buffer): BotConversationIds {
  const mac = (conversationId: string): string =>
    createHmac('sha256', secret).update(`bot-conversation:${conversationId}`).digest('base64url').slice(0, macLength);
  return {
    toBot: (conversationId) => `${conversationId}.${mac(conversationId)}`,
    fromBot(botConversationId) {
      const dot = botConversationId.lastIndexOf('.');
      if (dot <= 0) return undefined;
      const conversationId = botConversationId.slice(0, dot);
      const given = Buffer.from(botConversationId.slice(dot + 1));
      const expected = Buffer.from(mac(conversationId));
      return given.length === expected.length && timingSafeEqual(given, expected) ? conversationId : undefined;
    },
  };
}
