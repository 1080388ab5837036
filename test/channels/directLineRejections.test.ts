/**
 * What the built-in Direct Line refuses, against the real server: missing, malformed, foreign and
 * expired tokens (401/403), unknown conversations (404), bad bodies (400), and bot replies posted with a
 * browser-side conversation id. The clock is moved by hand, never waited for.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectLineTokenSigner } from '../../src/channels/directLine/directLineToken';
import { manualClock, startWebChannelHarness, type TokenAnswer, type WebChannelHarness } from './webChannelHarness';

const clock = manualClock();
let harness: WebChannelHarness;
let mine: TokenAnswer;
let other: TokenAnswer;

beforeAll(async () => {
  harness = await startWebChannelHarness({ now: clock.now });
  mine = await harness.startConversation();
  other = await harness.startConversation();
});
afterAll(async () => {
  await harness?.close();
});

const activitiesPath = (conversation: TokenAnswer) => `/v3/directline/conversations/${conversation.conversationId}/activities`;
const message = { type: 'message', text: 'What is vertebroplasty?', channelData: { clientActivityID: 'c-1' } };

async function errorOf(response: Response): Promise<{ status: number; code: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.message.length).toBeGreaterThan(0);
  return { status: response.status, code: body.error.code };
}

describe('tokens', () => {
  it('401 without a token, on every browser-side route', async () => {
    const calls = [
      harness.request('POST', '/v3/directline/conversations', { body: {} }),
      harness.request('GET', `/v3/directline/conversations/${mine.conversationId}`),
      harness.request('GET', `${activitiesPath(mine)}?watermark=`),
      harness.request('POST', activitiesPath(mine), { body: message }),
      harness.request('POST', '/v3/directline/tokens/refresh'),
    ];
    for (const response of await Promise.all(calls)) {
      expect(await errorOf(response)).toEqual({ status: 401, code: 'MissingToken' });
    }
  });

  it('401 for a malformed token or one signed with another secret', async () => {
    const foreignSigner = createDirectLineTokenSigner({ secret: randomBytes(32), now: clock.now });
    const forged = foreignSigner.issue(mine.conversationId, 'dl_intruder').token;
    for (const token of ['not-a-token', `${mine.token}x`, forged]) {
      const response = await harness.request('GET', `${activitiesPath(mine)}?watermark=`, { token });
      expect(await errorOf(response)).toEqual({ status: 401, code: 'InvalidToken' });
    }
  });

  it('403 for a token of another conversation', async () => {
    const read = await harness.request('GET', `${activitiesPath(mine)}?watermark=`, { token: other.token });
    expect(await errorOf(read)).toEqual({ status: 403, code: 'TokenNotForConversation' });
    const write = await harness.request('POST', activitiesPath(mine), { token: other.token, body: message });
    expect(await errorOf(write)).toEqual({ status: 403, code: 'TokenNotForConversation' });
  });

  it('403 for an expired token (Web Chat then reports the expiry), also when refreshing', async () => {
    const conversation = await harness.startConversation();
    clock.advance(3600 * 1000);
    const read = await harness.request('GET', `${activitiesPath(conversation)}?watermark=`, { token: conversation.token });
    expect(await errorOf(read)).toEqual({ status: 403, code: 'TokenExpired' });
    const refresh = await harness.request('POST', '/v3/directline/tokens/refresh', { token: conversation.token });
    expect(await errorOf(refresh)).toEqual({ status: 403, code: 'TokenExpired' });
  });

  it('a token refreshed before it expires outlives the old one', async () => {
    const conversation = await harness.startConversation();
    clock.advance(30 * 60 * 1000);
    const refresh = await harness.request('POST', '/v3/directline/tokens/refresh', { token: conversation.token });
    expect(refresh.status).toBe(200);
    const { token } = (await refresh.json()) as TokenAnswer;
    clock.advance(31 * 60 * 1000);
    const withOld = await harness.request('GET', `${activitiesPath(conversation)}?watermark=`, { token: conversation.token });
    expect(withOld.status).toBe(403);
    const withNew = await harness.request('GET', `${activitiesPath(conversation)}?watermark=`, { token });
    expect(withNew.status).toBe(200);
  });
});

describe('conversations', () => {
  it('404 for a conversation that was never started', async () => {
    const session = (await (await harness.request('POST', '/api/directline/token')).json()) as TokenAnswer;
    const read = await harness.request('GET', `${activitiesPath(session)}?watermark=`, { token: session.token });
    expect(await errorOf(read)).toEqual({ status: 404, code: 'ConversationNotFound' });
    const write = await harness.request('POST', activitiesPath(session), { token: session.token, body: message });
    expect(await errorOf(write)).toEqual({ status: 404, code: 'ConversationNotFound' });
    const resume = await harness.request('GET', `/v3/directline/conversations/${session.conversationId}`, { token: session.token });
    expect(resume.status).toBe(404);
  });

  it('404 once an idle conversation has expired', async () => {
    const longLived = await startWebChannelHarness({
      env: { DIRECTLINE_TOKEN_TTL_SECONDS: '86400', DIRECTLINE_IDLE_TIMEOUT_SECONDS: '60' },
      now: clock.now,
    });
    try {
      const started = await longLived.startConversation();
      clock.advance(61 * 1000);
      const read = await longLived.request('GET', `${activitiesPath(started)}?watermark=`, { token: started.token });
      expect(await errorOf(read)).toEqual({ status: 404, code: 'ConversationNotFound' });
    } finally {
      await longLived.close();
    }
  });
});

describe('request bodies', () => {
  it('400 with the field and the problem for activities Web Chat would never send', async () => {
    const fresh = await harness.startConversation();
    const cases: Array<[unknown, RegExp]> = [
      [{ type: 'invoke', name: 'x' }, /activity\.type: must be one of message, event, typing/],
      [{ type: 'message', text: 'x'.repeat(16_001) }, /activity\.text: must be at most 16000 characters/],
      [{ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'blob:x' }] }, /file uploads are not supported/],
      [{ type: 'event', name: 'handoff.status', value: { state: 'accepted' } }, /activity\.name: handoff events come from the clinic’s staff/],
      ['just text', /activity/],
    ];
    for (const [body, expected] of cases) {
      const response = await harness.request('POST', activitiesPath(fresh), { token: fresh.token, body });
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('BadArgument');
      expect(error.message).toMatch(expected);
    }
  });

  it('400 for a watermark that is not a number', async () => {
    const fresh = await harness.startConversation();
    const response = await harness.request('GET', `${activitiesPath(fresh)}?watermark=abc`, { token: fresh.token });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/watermark: must be a number/);
  });
});

describe('the bot’s serviceUrl routes', () => {
  it('404 for a reply posted to a browser-side conversation id (only the bot knows its conversation id)', async () => {
    const fresh = await harness.startConversation();
    const reply = { type: 'message', text: 'I am the bot, trust me', from: { id: 'spine-assistant', role: 'bot' } };
    for (const path of [`/v3/conversations/${fresh.conversationId}/activities`, `/v3/conversations/${fresh.conversationId}.forged/activities/x`]) {
      const response = await harness.request('POST', path, { body: reply });
      expect(await errorOf(response)).toEqual({ status: 404, code: 'ConversationNotFound' });
    }
    const texts = (await harness.poll(fresh)).activities.map((activity) => activity.text);
    expect(texts).not.toContain(reply.text);
  });
});
