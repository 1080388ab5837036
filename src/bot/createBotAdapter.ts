/**
 * The Bot Framework adapter: CloudAdapter with ConfigurationBotFrameworkAuthentication (its per-turn
 * clients built only when used or once: turnClientsAuthentication.ts). Without a MicrosoftAppId it accepts
 * unauthenticated requests (local use, tests, the built-in Direct Line; the server then limits the
 * serviceUrls it replies to); with one it validates Azure Bot Service tokens.
 */
import { ActivityTypes, CloudAdapter, type Activity, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError } from 'botframework-connector';
import { boundSigningKeyFetches, SigningKeysUnavailableError, type SigningKeyFetchOptions } from './boundedSigningKeys';
import { describeError, type BotLogger } from './botLogger';
import type { BotWording } from './botWording';
import { hashConversationId } from './conversationHash';
import type { ConversationMemoryStore } from './conversationMemory';
import { keepEntityProperties } from './keepEntityProperties';
import { TurnClientsAuthentication } from './turnClientsAuthentication';
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
  /**
   * Where the channel's signing keys are published (OpenID metadata), botbuilder's own setting.
   * Default: Azure's public cloud. Sovereign clouds and tests set it; the other endpoints then keep
   * their public-cloud defaults unless set too.
   */
  ToBotFromChannelOpenIdMetadataUrl?: string;
  /** The issuer of channel tokens. Default: Azure's public cloud (`https://api.botframework.com`). */
  ToBotFromChannelTokenIssuer?: string;
  /** Where the Emulator's signing keys are published. Default: Azure's public cloud. */
  ToBotFromEmulatorOpenIdMetadataUrl?: string;
}

/** Options of {@link createBotAdapter}. */
export interface BotAdapterOptions {
  auth: BotAuthSettings;
  wording: BotWording;
  memory: ConversationMemoryStore;
  logger: BotLogger;
  /** Limits on fetching the signing keys (see boundedSigningKeys.ts). Default: {@link defaultSigningKeyFetchOptions}. */
  signingKeys?: Partial<SigningKeyFetchOptions>;
}

/**
 * Why a request's credentials were refused (never the token itself): 401 for a token that is not valid,
 * 503 when the signing keys to check it cannot be fetched now (try again after `retryAfterSeconds`).
 */
export type AuthenticationCheck =
  | { ok: true }
  | { ok: false; status: 401; reason: string }
  | { ok: false; status: 503; reason: string; retryAfterSeconds: number };

/** The fields of an incoming activity that its token is checked against. */
export interface AuthenticatedFields {
  channelId: string;
  serviceUrl: string;
  /** `recipient.role` (`skill` marks a skill call). */
  recipientRole?: string;
}

/** The adapter and a credentials check that never throws. */
export interface BotAdapter {
  adapter: CloudAdapter;
  /**
   * Checks a request's `Authorization` header for `activity` exactly as the adapter will (issuer,
   * audience, expiry, signature against the published keys, endorsements, serviceUrl claim). Every
   * refused token is a 401 — including malformed tokens and bad signatures, which botbuilder would turn
   * into a 500; signing keys that cannot be fetched in time are a 503.
   */
  authenticate(request: AuthenticatedFields, authorization: string): Promise<AuthenticationCheck>;
}

/** Bot Framework's settings with public-cloud defaults for endpoints left unset. */
export function authenticationConfiguration(auth: BotAuthSettings): Record<string, string> {
  const { ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer, ToBotFromEmulatorOpenIdMetadataUrl, ...credentials } = auth;
  if (!ToBotFromChannelOpenIdMetadataUrl && !ToBotFromChannelTokenIssuer && !ToBotFromEmulatorOpenIdMetadataUrl) return { ...credentials };
  return {
    ...credentials,
    ToBotFromChannelOpenIdMetadataUrl: ToBotFromChannelOpenIdMetadataUrl || AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: ToBotFromChannelTokenIssuer || AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: ToBotFromEmulatorOpenIdMetadataUrl || AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: 'urn:botframework:azure',
  };
}

/**
 * Creates the adapter. Its `onTurnError` logs the error without message text, apologises, and forgets
 * the conversation's memory so the next message starts clean.
 */
export function createBotAdapter(options: BotAdapterOptions): BotAdapter {
  const { auth, wording, memory, logger } = options;
  keepEntityProperties();
  boundSigningKeyFetches(options.signingKeys);
  const authentication = new TurnClientsAuthentication(authenticationConfiguration(auth));
  const adapter = new CloudAdapter(authentication);
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
  return {
    adapter,
    async authenticate(request, authorization) {
      if (!auth.MicrosoftAppId) return { ok: true };
      if (!authorization.trim()) return { ok: false, status: 401, reason: 'missing' };
      try {
        await authentication.authenticateRequest(activityFor(request), authorization);
        return { ok: true };
      } catch (error) {
        if (error instanceof SigningKeysUnavailableError) {
          return { ok: false, status: 503, reason: 'signingKeysUnavailable', retryAfterSeconds: error.retryAfterSeconds };
        }
        // AuthenticationError: a refused claim; anything else (JsonWebTokenError, SyntaxError): a bad token.
        const reason = error instanceof AuthenticationError ? 'refused' : error instanceof Error ? error.name : 'invalid';
        return { ok: false, status: 401, reason };
      }
    },
  };
}

/** A minimal activity carrying the fields token validation reads. */
function activityFor(fields: AuthenticatedFields): Activity {
  const account = { id: '', name: '' };
  return {
    type: ActivityTypes.Message,
    localTimezone: '',
    callerId: '',
    serviceUrl: fields.serviceUrl,
    channelId: fields.channelId,
    from: account,
    conversation: { ...account, isGroup: false, conversationType: '' },
    recipient: { ...account, ...(fields.recipientRole ? { role: fields.recipientRole } : {}) },
    text: '',
    label: '',
    valueType: '',
    listenFor: [],
  };
}
