/**
 * The Bot Framework adapter: CloudAdapter with ConfigurationBotFrameworkAuthentication. Without a
 * MicrosoftAppId it accepts unauthenticated requests and replies to any serviceUrl (local use, tests,
 * the built-in Direct Line); with one it validates Azure Bot Service tokens.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { describeError, type BotLogger } from './botLogger';
import type { BotWording } from './botWording';
import { hashConversationId } from './conversationHash';
import type { ConversationMemoryStore } from './conversationMemory';
import { keepEntityProperties } from './keepEntityProperties';
import { errorActivity } from './replies/botReplies';

/** The standard Bot Framework authentication settings (empty strings in local mode). */
export interface BotAuthSettings {
  /** The bot's Microsoft App ID; empty disables authentication. */
  MicrosoftAppId: string;
  /** The app's client secret (MultiTenant, SingleTenant). */
  MicrosoftAppPassword: string;
  /** `MultiTenant`, `SingleTenant` or `UserAssignedMSI`. */
  MicrosoftAppType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** The app's tenant (SingleTenant, UserAssignedMSI). */
  MicrosoftAppTenantId: string;
}

/** Options of {@link createBotAdapter}. */
export interface BotAdapterOptions {
  auth: BotAuthSettings;
  wording: BotWording;
  memory: ConversationMemoryStore;
  logger: BotLogger;
}

/**
 * Creates the adapter. Its `onTurnError` logs the error without message text, apologises, and forgets
 * the conversation's memory so the next message starts clean.
 */
export function createBotAdapter(options: BotAdapterOptions): CloudAdapter {
  const { auth, wording, memory, logger } = options;
  keepEntityProperties();
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ ...auth }));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const fields = {
      conversation: hashConversationId(context.activity.conversation?.id),
      channelId: context.activity.channelId,
      activityType: context.activity.type,
    };
    logger.error('bot.turnError', { ...fields, ...describeError(error) });
    try {
      await context.sendActivity(errorActivity(wording));
    } catch (replyError) {
      logger.error('bot.turnErrorReplyFailed', { ...fields, ...describeError(replyError) });
    }
    try {
      await memory.clear(context);
    } catch (clearError) {
      logger.error('bot.turnErrorClearFailed', { ...fields, ...describeError(clearError) });
    }
  };
  return adapter;
}
