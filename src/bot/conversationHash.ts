import { createHash } from 'node:crypto';

/**
 * A short, stable stand-in for a conversation id in logs and feedback records (the first 16 hex
 * digits of its SHA-256), so log lines of one conversation can be grouped without storing the id.
 */
export function hashConversationId(conversationId: string | undefined): string {
  return createHash('sha256')
    .update(conversationId ?? '')
    .digest('hex')
    .slice(0, 16);
}
