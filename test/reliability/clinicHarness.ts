/**
 * The real assistant as a clinic runs it, for the reliability probes: the default web channel (built-in
 * Direct Line, whose transcript "forget me" erases) and the agent console, with the state store chosen by
 * `env` (SQLite in a data folder, Redis), on 127.0.0.1 and a random port. A patient speaks Direct Line as
 * Web Chat does; staff speak the console's API as its page does. Log lines are kept for "never logged" checks.
 */
import { agentRequest } from '../handoff/consoleHarness';
import { startSpineAssistant, type SpineAssistant } from '../../src/index';
import { loadHandoffConfig } from '../../src/handoff/handoffConfig';
import { loadConfig } from '../../src/server/config';
import { createLogger } from '../../src/server/logger';
import type { StateStorage } from '../../src/infra/storage/stateStorage';
import type { TokenAnswer, WireActivity } from '../channels/webChannelHarness';

/** The console's sign-in token in these tests. */
export const clinicConsoleToken = 'reliability-console-token-0123456789';

/** A patient on the built-in Direct Line. */
export interface ClinicPatient {
  conversationId: string;
  /** Posts a message (or a message-back value); resolves with the HTTP status. */
  say(text: string, value?: unknown): Promise<number>;
  /** The bot's and agents' messages since the last poll. */
  poll(): Promise<WireActivity[]>;
}

/** A running assistant for the probes. */
export interface ClinicHarness {
  assistant: SpineAssistant;
  url: string;
  rawLogs: string[];
  patient(): Promise<ClinicPatient>;
  /** Signs in to the console; returns the session cookie. */
  signIn(name: string): Promise<string>;
  /** A console API request with the session cookie (POSTs carry the console header). */
  agent(method: 'GET' | 'POST', path: string, cookie: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** Options of {@link startClinic}. */
export interface ClinicOptions {
  /** Server settings (STATE_STORAGE, DATA_DIR, REDIS_URL, DIRECTLINE_TOKEN_SECRET, …). */
  env?: Record<string, string>;
  /** A state store to use instead of the configured one (e.g. a gated one). */
  storage?: StateStorage;
}

export async function startClinic(options: ClinicOptions = {}): Promise<ClinicHarness> {
  const rawLogs: string[] = [];
  const logger = createLogger({ level: 'debug', sink: (_level, line) => rawLogs.push(line) });
  const env = { PORT: '0', HOST: '127.0.0.1', STATE_STORAGE: 'memory', ...options.env };
  const assistant = await startSpineAssistant({
    config: loadConfig(env),
    logger,
    env,
    ...(options.storage ? { storage: options.storage } : {}),
    handoff: loadHandoffConfig({ AGENT_CONSOLE_TOKEN: clinicConsoleToken, AGENT_CONSOLE_SECURE_COOKIE: 'false' }),
  });
  const url = assistant.url;
  const agent: ClinicHarness['agent'] = (method, path, cookie, body) => agentRequest(url, method, path, { cookie, body });
  return {
    assistant,
    url,
    rawLogs,
    agent,
    async patient() {
      const post = (path: string, token: string, body: unknown) =>
        fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      const session = (await (await fetch(`${url}/api/directline/token`, { method: 'POST' })).json()) as TokenAnswer;
      const conversation = (await (await post('/v3/directline/conversations', session.token, { user: {} })).json()) as TokenAnswer;
      let watermark = '';
      return {
        conversationId: conversation.conversationId,
        say: async (text, value) =>
          (
            await post(`/v3/directline/conversations/${conversation.conversationId}/activities`, conversation.token, {
              type: 'message',
              text,
              from: { id: 'x', role: 'user' },
              ...(value ? { value } : {}),
            })
          ).status,
        async poll() {
          const response = await fetch(`${url}/v3/directline/conversations/${conversation.conversationId}/activities?watermark=${watermark}`, {
            headers: { Authorization: `Bearer ${conversation.token}` },
          });
          const body = (await response.json()) as { activities: WireActivity[]; watermark: string };
          watermark = body.watermark;
          return body.activities.filter((activity) => activity.from.role !== 'user' && activity.type === 'message');
        },
      };
    },
    async signIn(name) {
      const response = await agent('POST', '/agent/api/login', '', { name, token: clinicConsoleToken });
      if (response.status !== 200) throw new Error(`sign-in refused: ${response.status}`);
      return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    },
    close: () => assistant.close(),
  };
}

/** A word no document, wording or log contains, to look for in files, keys and logs. */
export function markerWord(tag: string): string {
  return `zq${tag}${Math.random().toString(36).slice(2, 10)}xv`;
}
