/**
 * Junk does not grow what the server keeps without bound. The built-in Direct Line keeps at most
 * DIRECTLINE_MAX_MEMORY_MB of activities in memory, all conversations together (a flood of long messages
 * pushes out the oldest, the newest stay readable); request-chosen metric labels (channel, activity type)
 * stop at a fixed number of values; and a bounded junk run (generated activities and long Direct Line
 * messages) gets no 5xx and leaves the server answering.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { maxRequestLabelValues } from '../../src/server/metrics';
import { startWebChannelHarness, type WebChannelHarness } from '../channels/webChannelHarness';
import { generateActivity, mulberry32 } from '../security/activityFuzzer';
import { startTestAssistant, testConversation, type TestAssistant } from '../server/assistantHarness';

const started: Array<WebChannelHarness | TestAssistant> = [];
afterAll(async () => {
  await Promise.all(started.map((harness) => harness.close()));
});

const longText = (tag: string): string => `${tag} ${'lorem ipsum dolor sit amet '.repeat(550)}`.slice(0, 15_000);

describe('the built-in Direct Line under a flood of long messages', () => {
  it('keeps at most DIRECTLINE_MAX_MEMORY_MB of activities, dropping the oldest first', async () => {
    const harness = await startWebChannelHarness({ env: { DIRECTLINE_MAX_MEMORY_MB: '1' } });
    started.push(harness);
    const conversations = await Promise.all(Array.from({ length: 5 }, () => harness.startConversation()));
    // 5 × 30 messages of 15,000 characters: about 2.3 MB of patient text, over twice the budget.
    for (let round = 0; round < 30; round += 1) {
      for (const [index, conversation] of conversations.entries()) {
        expect((await harness.say(conversation, longText(`c${index}r${round}`))).status).toBe(200);
      }
    }
    let kept = 0;
    const lastConversation = conversations.at(-1);
    let newestKept = false;
    for (const conversation of conversations) {
      const { activities } = await harness.poll(conversation);
      kept += activities.reduce((sum, activity) => sum + Buffer.byteLength(JSON.stringify(activity), 'utf8'), 0);
      if (conversation === lastConversation) newestKept = activities.some((activity) => activity.text?.startsWith('c4r29 '));
    }
    expect(kept).toBeLessThanOrEqual(1024 * 1024 * 1.05);
    expect(kept).toBeGreaterThan(512 * 1024);
    expect(newestKept).toBe(true);
  });
});

describe('metric labels chosen by requests', () => {
  it(`stop at ${maxRequestLabelValues} channel values; the rest count as "other"`, async () => {
    const harness = await startTestAssistant();
    started.push(harness);
    for (let index = 0; index < 100; index += 1) {
      const message = testConversation(`junk-channel-${index}`).message('hi');
      expect((await harness.send(message)).status).toBe(200);
    }
    const text = await (await fetch(`${harness.assistant.url}/metrics`)).text();
    const channels = new Set([...text.matchAll(/^spine_assistant_turns_total\{channel="([^"]*)"/gm)].map((match) => match[1]));
    expect(channels.size).toBeLessThanOrEqual(maxRequestLabelValues + 1);
    expect(channels.has('other')).toBe(true);
  });
});

describe('a bounded junk run', () => {
  it('gets no 5xx from 1,500 generated activities and 100 long Direct Line messages, and still answers', async () => {
    const harness = await startWebChannelHarness({ env: { DIRECTLINE_MAX_MEMORY_MB: '2' } });
    started.push(harness);
    const random = mulberry32(20);
    const statuses = new Map<number, number>();
    const count = (status: number): void => void statuses.set(status, (statuses.get(status) ?? 0) + 1);
    for (let index = 0; index < 1500; index += 1) {
      const { body, contentType } = generateActivity(random, harness.url);
      count((await fetch(`${harness.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body })).status);
    }
    const conversation = await harness.startConversation();
    for (let index = 0; index < 100; index += 1) count((await harness.say(conversation, longText(`junk${index}`))).status);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    const fresh = await harness.startConversation();
    expect((await harness.say(fresh, 'How long does kyphoplasty take?')).status).toBe(200);
    const { activities } = await harness.poll(fresh);
    expect(activities.some((activity) => activity.channelData?.outcome === 'answer')).toBe(true);
  });
});
