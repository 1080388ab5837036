/**
 * Privacy of the logs and the operations endpoints: a unique marker word sent in questions, screening
 * answers, feedback and "forget me" through /api/messages and through the built-in Direct Line never
 * appears in any log line; turn reports carry hashed conversation ids, outcomes and latency; the
 * clearly named debug setting is the only way to get text into logs; GET /metrics speaks Prometheus.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { hashConversationId } from '../../src/bot/conversationHash';
import { createWebChannels } from '../../src/channels/webChat/webChannels';
import { startTestAssistant, testConversation, type TestAssistant } from './assistantHarness';

const started: TestAssistant[] = [];
afterAll(async () => {
  await Promise.all(started.map((harness) => harness.close()));
});

const marker = (): string => `zebrafinch${randomBytes(6).toString('hex')}`;

async function directLineConversation(url: string, text: string): Promise<void> {
  const { token, conversationId } = (await (await fetch(`${url}/api/directline/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers, body: '{}' });
  const posted = await fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ type: 'message', text, from: { id: 'ignored', name: text } }),
  });
  expect(posted.status).toBe(200);
}

describe('logs', () => {
  it('never contain the words a user typed, whatever the path', async () => {
    const harness = await startTestAssistant({ registerChannels: createWebChannels({}) });
    started.push(harness);
    const word = marker();
    const chat = testConversation();
    await harness.send(chat.membersAdded(chat.bot, chat.user));
    await harness.send(chat.message(`How long does kyphoplasty take for ${word}?`));
    await harness.send(chat.message(`${word} what are the risks`));
    await harness.send(chat.message('', { action: 'start-screening' }));
    await harness.send(chat.message(`no ${word}`));
    await harness.send(chat.message(`I cannot feel my legs ${word}`));
    await harness.send(chat.message(`👍 Helpful ${word}`));
    await harness.send({ ...chat.message(`bad ${word}`), text: 42 });
    await harness.send(chat.message('forget me'));
    await directLineConversation(harness.assistant.url, `What is PMMA ${word}?`);

    const everything = harness.rawLogs.join('\n');
    expect(harness.rawLogs.length).toBeGreaterThan(10);
    expect(everything).not.toContain(word);
    expect(everything).not.toContain(chat.conversationId);
    const turns = harness.logs.filter((line) => line['event'] === 'turn.completed');
    expect(turns.length).toBeGreaterThanOrEqual(8);
    expect(turns[1]).toMatchObject({ conversation: hashConversationId(chat.conversationId), result: 'ok', outcomes: [expect.stringMatching(/answer/)], attempts: 1 });
    expect(typeof turns[1]?.['latencyMs']).toBe('number');
  });

  it('carry message text only with DEBUG_LOG_MESSAGE_TEXT, and say so at startup', async () => {
    const harness = await startTestAssistant({ env: { DEBUG_LOG_MESSAGE_TEXT: 'true' } });
    started.push(harness);
    const word = marker();
    await harness.send(testConversation().message(`What is kyphoplasty ${word}?`));
    expect(harness.logs.find((line) => line['event'] === 'turn.completed')?.['debugText']).toBe(`What is kyphoplasty ${word}?`);
    expect(harness.logs.some((line) => line['event'] === 'assistant.debugLogMessageText' && line['level'] === 'warn')).toBe(true);
  });
});

describe('GET /metrics', () => {
  it('reports turns, outcomes, latency and errors in Prometheus format', async () => {
    const harness = await startTestAssistant();
    started.push(harness);
    const chat = testConversation();
    await harness.send(chat.message('How long does kyphoplasty take?'));
    await harness.send(chat.message('What is the capital of France?'));
    await fetch(`${harness.assistant.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    const response = await fetch(`${harness.assistant.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^spine_assistant_turns_total\{channel="test",activity_type="message",result="ok"\} 2$/m);
    expect(text).toMatch(/^spine_assistant_reply_outcomes_total\{outcome="answer"\} 1$/m);
    expect(text).toMatch(/^spine_assistant_reply_outcomes_total\{outcome="no-answer"\} 1$/m);
    expect(text).toMatch(/^spine_assistant_turn_duration_seconds_count\{result="ok"\} 2$/m);
    expect(text).toMatch(/^spine_assistant_http_responses_total\{status_class="4xx"\} 1$/m);
    expect(text).toContain('# TYPE spine_assistant_errors_total counter');
    expect(text).toContain('spine_assistant_process_resident_memory_bytes');
  });

  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    const harness = await startTestAssistant({ env: { METRICS_TOKEN: 'a-long-metrics-token-123' } });
    started.push(harness);
    expect((await fetch(`${harness.assistant.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${harness.assistant.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const allowed = await fetch(`${harness.assistant.url}/metrics`, { headers: { authorization: 'Bearer a-long-metrics-token-123' } });
    expect(allowed.status).toBe(200);
  });
});
