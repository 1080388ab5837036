/**
 * Exchanges the Direct Line secret of an Azure Bot Service registration for a conversation token, so
 * the browser gets a short-lived token and never the secret. See
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-direct-line-3-0-authentication
 */
import { azureTokenResponseSchema } from './directLineSchemas';

/** A token for one conversation, as Azure (and our built-in Direct Line) hands it out. */
export interface ConversationToken {
  /** The conversation the token is for. */
  conversationId: string;
  /** The bearer token for the Direct Line API. */
  token: string;
  /** Seconds until the token expires. */
  expires_in: number;
}

/** Why an exchange failed (the secret is never part of the error). */
export class AzureDirectLineError extends Error {
  override readonly name = 'AzureDirectLineError';
  constructor(
    message: string,
    /** HTTP status Azure answered with, if it answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Options of {@link createAzureTokenExchange}. */
export interface AzureTokenExchangeOptions {
  /** The Direct Line secret from the Azure portal (Channels → Direct Line). */
  secret: string;
  /** Direct Line API base, e.g. `https://directline.botframework.com/v3/directline` (or a regional one). */
  domain: string;
  /** Give up after this many milliseconds. Default 10000. */
  timeoutMs?: number;
}

/** Generates a token for a new conversation bound to `userId` (`dl_…`, embedded in the token by Azure). */
export type AzureTokenExchange = (userId: string) => Promise<ConversationToken>;

/** Creates the exchange; each call is one `POST {domain}/tokens/generate`. */
export function createAzureTokenExchange(options: AzureTokenExchangeOptions): AzureTokenExchange {
  const url = `${options.domain.replace(/\/+$/, '')}/tokens/generate`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (userId) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new AzureDirectLineError('azureDirectLineTokens: Azure Direct Line did not answer');
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      throw new AzureDirectLineError(`azureDirectLineTokens: Azure Direct Line refused (HTTP ${response.status})`, response.status);
    }
    const parsed = azureTokenResponseSchema.safeParse(body);
    if (!parsed.success) {
      throw new AzureDirectLineError('azureDirectLineTokens: Azure Direct Line answered without a token', response.status);
    }
    const { conversationId, token, expires_in } = parsed.data;
    return { conversationId, token, expires_in };
  };
}
