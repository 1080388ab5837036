/**
 * Bad input on /api/messages never crashes the server or gets a 5xx: malformed JSON, bodies that are not
 * activities, missing fields, wrong types, unknown activity types, huge and deeply nested payloads,
 * odd Unicode, empty text and attachments-only messages get a 4xx or a helpful reply. A fuzz run sends
 * a bounded number of generated activities (seeded, loopback only) and the server still answers a normal
 * question correctly afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAssistant, testConversation, type TestAssistant } from '../server/assistantHarness';
import { generateActivity, mulberry32 } from './activityFuzzer';

let harness: TestAssistant;
beforeAll(async () => {
  harness = await startTestAssistant({ env: { RATE_LIMIT_CONVERSATION_PER_MINUTE: '0' } });
});
afterAll(async () => {
  await harness?.close();
});

async function postRaw(body: string | Buffer, contentType = 'application/json'): Promise<{ status: number; body: string }> {
  const response = await fetch(`${harness.assistant.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, body: await response.text() };
}

const base = (): Record<string, unknown> => ({ ...testConversation().message('What is kyphoplasty?'), deliveryMode: 'expectReplies' });
const without = (field: string): Record<string, unknown> => Object.fromEntries(Object.entries(base()).filter(([key]) => key !== field));
const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { next: value };
  return value;
};

describe('malformed requests get a 4xx', () => {
  it.each<[string, string | Buffer, string?]>([
    ['truncated JSON', '{"type": "message", "text": "hi'],
    ['not JSON at all', 'hello bot'],
    ['random bytes', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22])],
    ['a JSON array', '[1, 2, 3]'],
    ['a JSON string', '"message"'],
    ['JSON null', 'null'],
    ['an empty body', ''],
    ['JSON sent as text/plain', JSON.stringify(base()), 'text/plain'],
    ['missing type', JSON.stringify(without('type'))],
    ['missing conversation', JSON.stringify(without('conversation'))],
    ['missing serviceUrl', JSON.stringify(without('serviceUrl'))],
    ['missing channelId', JSON.stringify(without('channelId'))],
    ['type is a number', JSON.stringify({ ...base(), type: 5 })],
    ['text is a number', JSON.stringify({ ...base(), text: 42 })],
    ['conversation is a string', JSON.stringify({ ...base(), conversation: 'c1' })],
    ['from is an array', JSON.stringify({ ...base(), from: [] })],
    ['serviceUrl is not a URL', JSON.stringify({ ...base(), serviceUrl: 'javascript:alert(1)' })],
    ['membersAdded is not a list', JSON.stringify({ ...base(), type: 'conversationUpdate', membersAdded: { id: 'u' } })],
    ['channelData nested 200 levels deep', JSON.stringify({ ...base(), channelData: nested(200) })],
    ['an array nested 100000 levels deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ])('%s', async (_name, body, contentType) => {
    const { status } = await postRaw(body, contentType);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it('refuses a body over the size limit with 413', async () => {
    expect((await postRaw(JSON.stringify({ ...base(), text: 'x'.repeat(300 * 1024) }))).status).toBe(413);
  });

  it('names the field that is wrong', async () => {
    const { status, body } = await postRaw(JSON.stringify({ ...base(), text: 42 }));
    expect(status).toBe(400);
    expect(JSON.parse(body)).toEqual({ error: expect.stringContaining('activity.text') });
  });
});

describe('odd but valid activities get a reply or nothing, never an error', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['an unknown activity type', { ...base(), type: 'hologram' }, []],
    ['empty text', { ...base(), text: '' }, ['no-answer']],
    ['whitespace and zero-width characters', { ...base(), text: ' \u200b\u200d\ufeff\t\n ' }, ['no-answer']],
    ['an attachments-only message', { ...without('text'), attachments: [{ contentType: 'image/png', contentUrl: 'https://example.org/x.png' }] }, ['no-answer']],
    ['right-to-left overrides and emoji', { ...base(), text: '\u202eWhat is kyphoplasty?\u202c 🦴👩🏽‍⚕️' }, ['answer']],
    ['a lone surrogate and a NUL', { ...base(), text: 'kyphoplasty \ud800 risks \u0000' }, ['answer']],
    ['combining marks', { ...base(), text: 'k̷̛y̸p̵h̶o̷p̸l̵a̶s̷t̸y̵' }, ['no-answer']],
    ['text null', { ...base(), text: null }, ['no-answer']],
    ['a message with a huge value', { ...base(), text: '', value: { list: Array.from({ length: 5000 }, (_v, i) => i) } }, ['no-answer']],
  ])('%s', async (_name, activity, outcomes) => {
    const { status, activities } = await harness.send(activity);
    expect(status).toBe(200);
    expect(activities.map((reply) => reply.channelData?.outcome)).toEqual(outcomes);
  });
});

describe('fuzz', () => {
  it('survives thousands of generated activities and still answers correctly', async () => {
    const random = mulberry32(20261122);
    const total = 2500;
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < total) {
        next += 1;
        const { body, contentType } = generateActivity(random, harness.assistant.url);
        const { status } = await postRaw(body, contentType);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const serverErrors = [...statuses].filter(([status]) => status >= 500);
    expect(serverErrors).toEqual([]);
    expect([...statuses.values()].reduce((sum, count) => sum + count, 0)).toBe(total);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(total / 10);

    expect((await fetch(`${harness.assistant.url}/healthz`)).status).toBe(200);
    const { activities } = await harness.send(testConversation().message('How long does kyphoplasty take?'));
    expect(activities[0]?.channelData?.outcome).toBe('answer');
    expect(harness.logs.filter((line) => line['event'] === 'bot.turnError')).toEqual([]);
  }, 120_000);
});
