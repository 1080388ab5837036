/**
 * The whole built-in Direct Line path against the real server and bot, over loopback HTTP, the way
 * Web Chat's DirectLineJS uses it in polling mode: token → conversation → welcome → message → echo and
 * answer (with its citation entity) → watermark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebChannelHarness, type TokenAnswer, type WebChannelHarness, type WireActivity } from './webChannelHarness';

const question = 'How is kyphoplasty done?';

let harness: WebChannelHarness;
beforeAll(async () => {
  harness = await startWebChannelHarness();
});
afterAll(async () => {
  await harness?.close();
});

function tokenUser(token: string): unknown {
  const payload = token.split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { user?: unknown }).user;
}

describe('POST /api/directline/token', () => {
  it('gives a conversation-scoped, expiring token for the built-in Direct Line', async () => {
    const response = await harness.request('POST', '/api/directline/token');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const session = (await response.json()) as TokenAnswer;
    expect(session).toMatchObject({ domain: '/v3/directline', webSocket: false, expires_in: 3600 });
    expect(session.conversationId).toMatch(/^[\w-]{20,}$/);
    // Web Chat takes the user id from the token's `user` claim; `dl_` marks ids it may not forge.
    expect(tokenUser(session.token)).toMatch(/^dl_[\w-]+$/);
  });

  it('refuses a body it does not expect', async () => {
    const response = await harness.request('POST', '/api/directline/token', { body: { user: { id: 'someone-else' } } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'BadArgument' } });
  });
});

describe('a conversation over the built-in Direct Line', () => {
  let conversation: TokenAnswer;
  let afterWelcome: string;

  it('starts with the bot’s welcome (conversationUpdate delivered to the bot)', async () => {
    conversation = await harness.startConversation();
    const { activities, watermark } = await waitForActivities(conversation, '', 1);
    const welcome = activities[0];
    expect(welcome).toMatchObject({ type: 'message', from: { role: 'bot' }, conversation: { id: conversation.conversationId } });
    expect(welcome?.channelData?.outcome).toBe('help');
    expect(welcome?.suggestedActions?.actions.map((action) => action.title)).toContain('Check whether I may be a candidate');
    afterWelcome = watermark;
  });

  it('echoes the user’s message and delivers the bot’s answer with its citations', async () => {
    const posted = await harness.say(conversation, question, 'client-activity-1');
    expect(posted.status).toBe(200);
    const { id } = (await posted.json()) as { id: string };
    expect(id).toMatch(new RegExp(`^${conversation.conversationId}\\|\\d{7}$`));

    // The POST returns once the bot's turn is over, so its replies are already there.
    const { activities, watermark } = await harness.poll(conversation, afterWelcome);
    const [echo, answer] = activities as [WireActivity, WireActivity];
    expect(activities).toHaveLength(2);
    expect(echo).toMatchObject({ id, type: 'message', text: question, channelData: { clientActivityID: 'client-activity-1' } });
    expect(echo.from).toEqual({ id: tokenUser(conversation.token), role: 'user' });
    expect(Date.parse(echo.timestamp ?? '')).not.toBeNaN();

    expect(answer).toMatchObject({ type: 'message', replyToId: id, textFormat: 'markdown', from: { role: 'bot' } });
    expect(answer.channelData?.outcome).toBe('answer');
    expect(answer.text).toMatch(/^> .+ \[1\]$/m);
    expect(answer.text).toMatch(/^\[1\]: \S+ ".+"$/m);
    // The citation entity must survive the bot's HTTP reply to the serviceUrl. botframework-connector
    // 4.23.3 with @azure/core-client ≥ 1.4 drops every Entity field but `type` when it serializes
    // (core-client swaps the Activity.entities element mapper, which has additionalProperties, for the
    // bare Entity model mapper); Web Chat then fails to render the answer at all.
    const message = answer.entities?.find((entity) => entity['type'] === 'https://schema.org/Message');
    expect(message).toMatchObject({ '@context': 'https://schema.org', '@type': 'Message' });
    const citations = message?.['citation'] as Array<{ position: number; appearance: { name: string; text: string } }>;
    expect(citations[0]?.position).toBe(1);
    expect(answer.text).toContain(citations[0]?.appearance.text.split('\n')[0]);

    expect(Number(watermark)).toBeGreaterThan(Number(afterWelcome));
    expect((await harness.poll(conversation, watermark)).activities).toEqual([]);
  });

  it('answers a second start of the same conversation without a second welcome', async () => {
    const again = await harness.request('POST', '/v3/directline/conversations', { token: conversation.token, body: {} });
    expect(again.status).toBe(201);
    expect(((await again.json()) as TokenAnswer).conversationId).toBe(conversation.conversationId);
    const welcomes = (await harness.poll(conversation)).activities.filter((activity) => activity.channelData?.outcome === 'help');
    expect(welcomes).toHaveLength(1);
  });

  it('refreshes the token for the same conversation and user', async () => {
    const response = await harness.request('POST', '/v3/directline/tokens/refresh', { token: conversation.token });
    expect(response.status).toBe(200);
    const refreshed = (await response.json()) as TokenAnswer;
    expect(refreshed.conversationId).toBe(conversation.conversationId);
    expect(tokenUser(refreshed.token)).toBe(tokenUser(conversation.token));
    expect((await harness.poll(refreshed)).activities.length).toBeGreaterThan(0);
  });

  it('reconnects with GET /v3/directline/conversations/{id}', async () => {
    const response = await harness.request('GET', `/v3/directline/conversations/${conversation.conversationId}`, { token: conversation.token });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ conversationId: conversation.conversationId, expires_in: 3600 });
  });

  it('never logs the message text', () => {
    expect(harness.rawLogs.length).toBeGreaterThan(0);
    expect(harness.rawLogs.some((line) => line.includes('kyphoplasty done'))).toBe(false);
  });
});

/** Polls until at least `count` activities came after `watermark` (the welcome is sent asynchronously). */
async function waitForActivities(conversation: TokenAnswer, watermark: string, count: number) {
  for (;;) {
    const page = await harness.poll(conversation, watermark);
    if (page.activities.length >= count) return page;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
