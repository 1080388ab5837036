/**
 * Starts the real assistant (src/index.ts's startSpineAssistant) on 127.0.0.1 with a random port and
 * talks to it over HTTP. Log lines are captured so tests can check what is (not) logged.
 */
import { randomUUID } from 'node:crypto';
import { startSpineAssistant, type SpineAssistant, type StartSpineAssistantOptions } from '../../src/index';
import { loadConfig } from '../../src/server/config';
import { createLogger } from '../../src/server/logger';

/** A bot reply as it comes back in an expectReplies response. */
export interface ReplyActivity {
  type: string;
  text?: string;
  textFormat?: string;
  entities?: Array<Record<string, unknown>>;
  channelData?: { outcome?: string; quotes?: Array<{ documentId: string; start: number; end: number }>; [key: string]: unknown };
  suggestedActions?: { actions: Array<{ type: string; title: string; value?: unknown; text?: string }> };
}

/** A started assistant with helpers. */
export interface TestAssistant {
  assistant: SpineAssistant;
  /** Every log line written so far, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Raw log lines, for "never contains" checks. */
  rawLogs: string[];
  /** Posts an activity with deliveryMode expectReplies; returns the HTTP status and the replies. */
  send(activity: Record<string, unknown>): Promise<{ status: number; activities: ReplyActivity[] }>;
  close(): Promise<void>;
}

/** Options of {@link startTestAssistant}: extra env settings and overrides of the composition. */
export interface TestAssistantOptions extends Omit<Partial<StartSpineAssistantOptions>, 'config' | 'logger'> {
  env?: Record<string, string>;
}

export async function startTestAssistant(options: TestAssistantOptions = {}): Promise<TestAssistant> {
  const rawLogs: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'debug',
    sink: (_level, line) => {
      rawLogs.push(line);
      logs.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STATE_STORAGE: 'memory', ...options.env });
  const { env: _env, ...overrides } = options;
  const assistant = await startSpineAssistant({ registerChannels: [], ...overrides, config, logger });
  return {
    assistant,
    logs,
    rawLogs,
    send: async (activity) => {
      const response = await fetch(`${assistant.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deliveryMode: 'expectReplies', ...activity }),
      });
      const body = (await response.json()) as { activities?: ReplyActivity[] };
      return { status: response.status, activities: body.activities ?? [] };
    },
    close: () => assistant.close(),
  };
}

/** Activities of one test conversation, shaped like a channel sends them. */
export function testConversation(channelId = 'test') {
  const conversationId = `conv-${randomUUID()}`;
  const user = { id: `user-${randomUUID()}`, name: 'Patient' };
  const bot = { id: 'spine-assistant', name: 'Spine Assistant' };
  const base = () => ({
    id: randomUUID(),
    channelId,
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: conversationId },
    from: user,
    recipient: bot,
    timestamp: new Date().toISOString(),
  });
  return {
    conversationId,
    user,
    bot,
    message: (text: string, value?: unknown) => ({ ...base(), type: 'message', text, ...(value === undefined ? {} : { value }) }),
    membersAdded: (...members: Array<{ id: string }>) => ({ ...base(), type: 'conversationUpdate', membersAdded: members }),
  };
}
