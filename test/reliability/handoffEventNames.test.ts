/**
 * The built-in Direct Line refuses `handoff.*` events from the chat page however the name is dressed
 * up: a leading or inner space, zero-width and other invisible format characters, full-width letters or
 * dot, other case. Names are compared after NFKC normalisation with white space and format characters
 * removed. Other events still pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebChannelHarness, type TokenAnswer, type WebChannelHarness } from '../channels/webChannelHarness';

let harness: WebChannelHarness;
let conversation: TokenAnswer;
beforeAll(async () => {
  harness = await startWebChannelHarness();
  conversation = await harness.startConversation();
});
afterAll(async () => {
  await harness?.close();
});

const postEvent = (name: string) =>
  harness.request('POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
    token: conversation.token,
    body: { type: 'event', name, value: { state: 'completed' }, from: { id: 'x', role: 'user' } },
  });

describe('handoff event names from the page', () => {
  it.each([
    ['as is', 'handoff.status'],
    ['in capitals', 'HANDOFF.STATUS'],
    ['with a leading space', ' handoff.status'],
    ['with a leading tab and newline', '\t\nhandoff.status'],
    ['with an ideographic space', '\u3000handoff.status'],
    ['with a zero-width space', '\u200bhandoff.status'],
    ['with a zero-width joiner inside', 'hand\u200doff.status'],
    ['with a byte-order mark', '\ufeffhandoff.initiate'],
    ['with a soft hyphen', 'hand\u00adoff.status'],
    ['in full-width letters', 'ｈａｎｄｏｆｆ.status'],
    ['with a full-width dot', 'handoff．status'],
    ['with a space before the dot', 'handoff .status'],
  ])('refuses the name %s', async (_what, name) => {
    const response = await postEvent(name);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/handoff events come from the clinic’s staff/);
  });

  it.each(['webchat/join', 'handoffs-info', 'my.handoff.status'])('lets %s through', async (name) => {
    expect((await postEvent(name)).status).toBe(200);
  });
});
