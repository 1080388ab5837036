/**
 * Starts the real assistant (src/index.ts's startSpineAssistant) with the web channel on 127.0.0.1 and
 * a random port, and speaks the Direct Line 3.0 protocol to it like Web Chat's DirectLineJS does.
 */
import { startSpineAssistant, type SpineAssistant } from '../../src/index';
import { createWebChannels, type WebChannelsOptions } from '../../src/channels/webChat/webChannels';
import { loadConfig } from '../../src/server/config';
import { createLogger } from '../../src/server/logger';

/** An activity as the Direct Line API returns it. */
export interface WireActivity {
  type: string;
  id: string;
  timestamp?: string;
  text?: string;
  textFormat?: string;
  replyToId?: string;
  from: { id: string; name?: string; role?: string };
  conversation: { id: string };
  channelData?: { clientActivityID?: string; outcome?: string; quotes?: unknown[]; [key: string]: unknown };
  entities?: Array<Record<string, unknown>>;
  suggestedActions?: { actions: Array<{ type: string; title: string; value?: unknown; text?: string }> };
}

/** What `POST /api/directline/token` and the Direct Line token routes answer. */
export interface TokenAnswer {
  conversationId: string;
  token: string;
  expires_in: number;
  domain?: string;
  webSocket?: boolean;
}

/** A running assistant with the web channel. */
export interface WebChannelHarness {
  assistant: SpineAssistant;
  url: string;
  /** Raw log lines (for "never logs message text" checks). */
  rawLogs: string[];
  /** A JSON request; `token` becomes `Authorization: Bearer <token>`. */
  request(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** `POST /api/directline/token`, then `POST /v3/directline/conversations`: a started conversation. */
  startConversation(): Promise<TokenAnswer>;
  /** Posts a user message; resolves with the HTTP response. */
  say(conversation: TokenAnswer, text: string, clientActivityID?: string): Promise<Response>;
  /** `GET …/activities?watermark=` once; returns activities and the new watermark. */
  poll(conversation: TokenAnswer, watermark?: string): Promise<{ activities: WireActivity[]; watermark: string }>;
  close(): Promise<void>;
}

/** Options of {@link startWebChannelHarness}. */
export interface WebChannelHarnessOptions extends WebChannelsOptions {
  /** Environment of the web channel (DIRECTLINE_*, CLINIC_NAME, WEBCHAT_*). Default: none. */
  env?: Record<string, string>;
}

export async function startWebChannelHarness(options: WebChannelHarnessOptions = {}): Promise<WebChannelHarness> {
  const { env = {}, ...channelOptions } = options;
  const rawLogs: string[] = [];
  const logger = createLogger({ level: 'debug', sink: (_level, line) => rawLogs.push(line) });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STATE_STORAGE: 'memory' });
  const assistant = await startSpineAssistant({ config, logger, registerChannels: createWebChannels(env, channelOptions) });
  const url = assistant.url;

  const request: WebChannelHarness['request'] = (method, path, { token, body, headers = {} } = {}) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const json = async <T>(response: Response, expected: number): Promise<T> => {
    const text = await response.text();
    if (response.status !== expected) throw new Error(`expected HTTP ${expected}, got ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };

  return {
    assistant,
    url,
    rawLogs,
    request,
    async startConversation() {
      const session = await json<TokenAnswer>(await request('POST', '/api/directline/token'), 200);
      // DirectLineJS sends `{ user: {} }` when the user id comes from the token.
      return json<TokenAnswer>(await request('POST', '/v3/directline/conversations', { token: session.token, body: { user: {} } }), 201);
    },
    say: (conversation, text, clientActivityID = `client-${Math.random().toString(36).slice(2)}`) =>
      request('POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
        token: conversation.token,
        body: { type: 'message', text, textFormat: 'plain', locale: 'en-US', from: { id: 'ignored', role: 'user' }, channelData: { clientActivityID } },
      }),
    async poll(conversation, watermark = '') {
      const response = await request('GET', `/v3/directline/conversations/${conversation.conversationId}/activities?watermark=${watermark}`, {
        token: conversation.token,
      });
      return json<{ activities: WireActivity[]; watermark: string }>(response, 200);
    },
    close: () => assistant.close(),
  };
}

/** A clock tests move by hand (token expiry, idle timeout) instead of waiting. */
export function manualClock(start = Date.UTC(2030, 0, 1)): { now: () => number; advance(ms: number): void } {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}
