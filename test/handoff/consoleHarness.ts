/**
 * The real assistant with the web channel (built-in Direct Line) and the agent console turned on, on
 * 127.0.0.1 and a random port, with a clock the test moves. Helpers speak Direct Line like Web Chat
 * and the console's API like its page.
 */
import { startSpineAssistant, type SpineAssistant } from '../../src/index';
import { createWebChannels } from '../../src/channels/webChat/webChannels';
import { loadHandoffConfig } from '../../src/handoff/handoffConfig';
import { loadConfig } from '../../src/server/config';
import { createLogger } from '../../src/server/logger';

/** The console's sign-in token in these tests. */
export const consoleToken = 'test-console-token-0123456789abcdef';

/** A running assistant with the console. */
export interface ConsoleHarness {
  assistant: SpineAssistant;
  url: string;
  rawLogs: string[];
  clock: { now: () => number; advance(ms: number): void };
  /** A console request; `cookie` is sent as the Cookie header; POSTs carry the console header unless `bare`. */
  agent(method: 'GET' | 'POST', path: string, options?: { cookie?: string; body?: unknown; bare?: boolean }): Promise<Response>;
  /** Signs in; returns the session cookie (name=value). */
  signIn(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A request to the agent console's API as its page sends it: JSON body, the console's header on POSTs
 * (unless `bare`), the session cookie when given.
 */
export function agentRequest(url: string, method: string, path: string, { cookie, body, bare }: { cookie?: string; body?: unknown; bare?: boolean } = {}): Promise<Response> {
  return fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(method === 'POST' && !bare ? { 'X-Agent-Console': '1' } : {}),
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function startConsoleHarness(env: Record<string, string> = {}): Promise<ConsoleHarness> {
  const rawLogs: string[] = [];
  const logger = createLogger({ level: 'debug', sink: (_level, line) => rawLogs.push(line) });
  let time = Date.UTC(2030, 0, 1);
  const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STATE_STORAGE: 'memory' });
  const assistant = await startSpineAssistant({
    config,
    logger,
    registerChannels: createWebChannels({}),
    handoff: loadHandoffConfig({ AGENT_CONSOLE_TOKEN: consoleToken, AGENT_CONSOLE_SECURE_COOKIE: 'false', ...env }),
    handoffNow: clock.now,
  });
  const url = assistant.url;
  const agent: ConsoleHarness['agent'] = (method, path, request = {}) => agentRequest(url, method, path, request);
  return {
    assistant,
    url,
    rawLogs,
    clock,
    agent,
    async signIn(name) {
      const response = await agent('POST', '/agent/api/login', { body: { name, token: consoleToken } });
      if (response.status !== 200) throw new Error(`sign-in refused: ${response.status}`);
      return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    },
    close: () => assistant.close(),
  };
}
