/**
 * Normal delivery (no expectReplies): the bot sends its replies to the activity's serviceUrl, as it
 * does for Azure Bot Service and for the built-in Direct Line. A route registered through the server's
 * `registerChannels` hook plays the channel service on the same server. Also: with a MicrosoftAppId set,
 * unauthenticated requests are refused.
 */
import type * as restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelRegistration } from '../../src/server/createServer';
import { startTestAssistant, testConversation, type ReplyActivity, type TestAssistant } from './assistantHarness';

interface Delivered {
  conversationId: string;
  replyToId: string | null;
  authorization: string | undefined;
  activity: ReplyActivity & { replyToId?: string; conversation?: { id: string } };
}

const delivered: Delivered[] = [];
const capture = async (req: restify.Request, res: restify.Response): Promise<void> => {
  delivered.push({
    conversationId: String(req.params['conversationId']),
    replyToId: req.params['activityId'] === undefined ? null : String(req.params['activityId']),
    authorization: req.headers.authorization,
    activity: req.body as Delivered['activity'],
  });
  res.send(200, { id: `reply-${delivered.length}` });
};
// Reply to an activity, and send to a conversation (Direct Line's conversationUpdate has no activity to reply to).
const channelService: ChannelRegistration = (server) => {
  server.post('/v3/conversations/:conversationId/activities/:activityId', capture);
  server.post('/v3/conversations/:conversationId/activities', capture);
};

let harness: TestAssistant;
beforeAll(async () => {
  harness = await startTestAssistant({ registerChannels: [channelService] });
});
afterAll(async () => {
  await harness?.close();
});

describe('replies to the serviceUrl in local mode', () => {
  it('posts the welcome and an answer back to the channel service without credentials', async () => {
    const chat = testConversation('directline');
    const serviceUrl = `${harness.assistant.url}/`;
    const post = (activity: Record<string, unknown>) =>
      fetch(`${harness.assistant.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, serviceUrl }),
      });

    const join = chat.membersAdded(chat.bot, chat.user);
    expect((await post(join)).status).toBe(200);
    const question = chat.message('How is vertebroplasty done?');
    expect((await post(question)).status).toBe(200);

    const mine = delivered.filter((entry) => entry.conversationId === chat.conversationId);
    expect(mine.map((entry) => entry.replyToId)).toEqual([null, question.id]);
    expect(mine.map((entry) => entry.activity.channelData?.outcome)).toEqual(['help', 'answer']);
    // The citation entity arrives whole (the connector's serializer used to strip it to `type`).
    expect(mine[1]?.activity.entities).toHaveLength(1);
    const entity = mine[1]?.activity.entities?.[0] ?? {};
    expect(entity).toMatchObject({ '@context': 'https://schema.org', '@id': '', '@type': 'Message', type: 'https://schema.org/Message' });
    const citations = entity['citation'] as Array<{ position: number; appearance: { '@type': string; text: string } }>;
    expect(citations.map((claim) => claim.position)).toEqual(mine[1]?.activity.channelData?.quotes?.map((_quote, i) => i + 1));
    expect(citations.every((claim) => claim.appearance['@type'] === 'DigitalDocument' && claim.appearance.text.length > 0)).toBe(true);
    expect(mine[1]?.activity.replyToId).toBe(question.id);
    expect(mine.every((entry) => entry.authorization === undefined)).toBe(true);
  });
});

describe('with a MicrosoftAppId', () => {
  it('refuses a request without a Bot Framework token', async () => {
    const secured = await startTestAssistant({
      env: { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' },
    });
    try {
      const chat = testConversation();
      const response = await fetch(`${secured.assistant.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chat.message('What is kyphoplasty?')),
      });
      expect(response.status).toBe(401);
      expect(secured.logs.some((line) => line['event'] === 'bot.answer')).toBe(false);
    } finally {
      await secured.close();
    }
  });
});
