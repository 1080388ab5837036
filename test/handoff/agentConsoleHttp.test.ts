/**
 * The agent console over HTTP against the real server: sign-in (no default, constant token, limited
 * attempts, expiring sessions), the page's security headers, the queue with reason, waiting time and
 * recent questions, the take-lock between two agents, live relay to a patient on the built-in Direct
 * Line, a suggested quote sent as the bot would send it, hand-back, and a patient who is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgentConsoleWording } from '../../src/channels/agentConsole/agentConsoleWording';
import { startTestAssistant } from '../server/assistantHarness';
import { startWebChannelHarness, type TokenAnswer, type WireActivity } from '../channels/webChannelHarness';
import { consoleToken, startConsoleHarness, type ConsoleHarness } from './consoleHarness';

let harness: ConsoleHarness;
beforeAll(async () => {
  harness = await startConsoleHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** Direct Line as Web Chat speaks it, against the console harness's server. */
async function patient() {
  const post = (path: string, token: string, body: unknown) =>
    fetch(`${harness.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const session = (await (await fetch(`${harness.url}/api/directline/token`, { method: 'POST' })).json()) as TokenAnswer;
  const conversation = (await (await post('/v3/directline/conversations', session.token, { user: {} })).json()) as TokenAnswer;
  let watermark = '';
  const seen: WireActivity[] = [];
  return {
    say: (text: string, value?: unknown) =>
      post(`/v3/directline/conversations/${conversation.conversationId}/activities`, conversation.token, { type: 'message', text, from: { id: 'x', role: 'user' }, ...(value ? { value } : {}) }),
    async poll(): Promise<WireActivity[]> {
      const response = await fetch(`${harness.url}/v3/directline/conversations/${conversation.conversationId}/activities?watermark=${watermark}`, {
        headers: { Authorization: `Bearer ${conversation.token}` },
      });
      const body = (await response.json()) as { activities: WireActivity[]; watermark: string };
      watermark = body.watermark;
      seen.push(...body.activities);
      return body.activities.filter((activity) => activity.from.role !== 'user' && activity.type === 'message');
    },
  };
}

interface QueueItem { id: string; status: string; reason: string; reasonText: string; waitingSeconds: number; emergency?: string; recent: Array<{ question: string }> }
interface QuoteView { documentId: string; start: number; end: number; title: string; text: string }
interface Line { index: number; from: string; text: string; quotes?: QuoteView[]; suggestions?: QuoteView[]; disagreement?: string }

async function queue(cookie: string): Promise<QueueItem[]> {
  return ((await (await harness.agent('GET', '/agent/api/queue', { cookie })).json()) as { conversations: QueueItem[] }).conversations;
}

describe('signing in', () => {
  it('serves the page with a strict Content-Security-Policy and no inline script', async () => {
    const response = await harness.agent('GET', '/agent');
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const html = await response.text();
    expect(html).not.toMatch(/<script>(?!<)/);
    expect(html).not.toMatch(/ on[a-z]+=/);
    // The one script element with content is a JSON data block (never run): the script's wording.
    const inline = [...html.matchAll(/<script([^>]*)>([^<]+)<\/script>/g)];
    expect(inline.map((match) => match[1])).toEqual([' id="wording" type="application/json"']);
    expect(JSON.parse(inline[0]?.[2] ?? '')).toEqual(loadAgentConsoleWording().script);
  });

  it('refuses the API without a session, a wrong token, and POSTs without the console header', async () => {
    expect((await harness.agent('GET', '/agent/api/queue')).status).toBe(401);
    expect((await harness.agent('POST', '/agent/api/login', { body: { name: 'Eve', token: 'wrong-token-wrong-token-wrong' } })).status).toBe(401);
    expect((await harness.agent('POST', '/agent/api/login', { body: { name: 'Eve', token: consoleToken }, bare: true })).status).toBe(403);
    expect((await harness.agent('POST', '/agent/api/login', { body: { name: '', token: consoleToken } })).status).toBe(401);
  });

  it('limits sign-in attempts per address', async () => {
    const limited = await startConsoleHarness({ AGENT_CONSOLE_LOGINS_PER_MINUTE: '2' });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt += 1) {
        statuses.push((await limited.agent('POST', '/agent/api/login', { body: { name: 'Eve', token: 'guess-guess-guess-guess-guess' } })).status);
      }
      expect(statuses).toEqual([401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('ends a session after its time', async () => {
    const cookie = await harness.signIn('Alex');
    expect(cookie).toMatch(/^spine_agent=/);
    expect((await harness.agent('GET', '/agent/api/me', { cookie })).status).toBe(200);
    harness.clock.advance(8 * 60 * 60 * 1000 + 1);
    expect((await harness.agent('GET', '/agent/api/me', { cookie })).status).toBe(401);
  });

  it('is off without a token, and says so in the log', async () => {
    const off = await startTestAssistant();
    try {
      expect((await fetch(`${off.assistant.url}/agent`)).status).toBe(404);
      expect(off.logs.some((line) => line['msg'] === 'agentConsole.disabled' || line['event'] === 'agentConsole.disabled')).toBe(true);
    } finally {
      await off.close();
    }
  });
});

describe('helping a patient', () => {
  it('lists, takes (once), relays, sends a suggested quote with its citation, and hands back', async () => {
    const chat = await patient();
    await chat.say('how long does kyphoplasty take?');
    await chat.say('', { action: 'talk-to-person' });
    await chat.poll();
    harness.clock.advance(90_000);

    const alex = await harness.signIn('Alex');
    const sam = await harness.signIn('Sam');
    const waiting = (await queue(alex)).find((item) => item.recent.some((exchange) => exchange.question === 'how long does kyphoplasty take?'));
    expect(waiting).toMatchObject({ status: 'waiting', reason: 'patient-request' });
    expect(waiting?.waitingSeconds).toBe(90);
    const id = waiting?.id ?? '';

    const takes = await Promise.all([harness.agent('POST', `/agent/api/conversations/${id}/take`, { cookie: alex }), harness.agent('POST', `/agent/api/conversations/${id}/take`, { cookie: sam })]);
    expect(takes.map((response) => response.status).sort()).toEqual([200, 409]);
    const owner = takes[0]?.status === 200 ? alex : sam;
    const other = owner === alex ? sam : alex;
    const joined = await chat.poll();
    expect(joined.at(-1)?.channelData).toMatchObject({ outcome: 'handoff', handoff: 'agent-joined' });

    await chat.say('what is the recovery like?');
    expect(await chat.poll()).toEqual([]);
    const view = (await (await harness.agent('GET', `/agent/api/conversations/${id}`, { cookie: owner })).json()) as { lines: Line[] };
    const question = view.lines.find((line) => line.from === 'patient' && line.text === 'what is the recovery like?');
    const suggestion = question?.suggestions?.[0];
    expect(suggestion?.text.length).toBeGreaterThan(0);

    expect((await harness.agent('POST', `/agent/api/conversations/${id}/messages`, { cookie: other, body: { text: 'hi' } })).status).toBe(409);
    expect((await harness.agent('POST', `/agent/api/conversations/${id}/messages`, { cookie: owner, body: { text: 'Hello, I can help.' } })).status).toBe(200);
    expect((await harness.agent('POST', `/agent/api/conversations/${id}/quotes`, { cookie: owner, body: { line: question?.index, ...suggestion } })).status).toBe(200);
    expect((await harness.agent('POST', `/agent/api/conversations/${id}/quotes`, { cookie: owner, body: { line: question?.index, documentId: suggestion?.documentId, start: 0, end: 5 } })).status).toBe(404);
    const relayed = await chat.poll();
    // Staff messages carry the agent's name and role as their heading, quotes too.
    const ownerName = owner === alex ? 'Alex' : 'Sam';
    expect(relayed[0]?.text).toBe(`### ${ownerName} (clinic staff)\n\nHello, I can help.`);
    expect(relayed[1]?.text).toMatch(new RegExp(`^### ${ownerName} \\(clinic staff\\)\\n\\n.+\\n\\n> `));
    expect(relayed[1]?.channelData).toMatchObject({ outcome: 'answer', quotes: [{ documentId: suggestion?.documentId, start: suggestion?.start, end: suggestion?.end }] });
    const citation = relayed[1]?.entities?.[0] as { citation: Array<{ appearance: { text: string } }> } | undefined;
    expect(citation?.citation[0]?.appearance.text).toBe(suggestion?.text);
    // The console shows the sent quote as a quote (its verbatim text), not as the Markdown the patient got.
    const afterSend = (await (await harness.agent('GET', `/agent/api/conversations/${id}`, { cookie: owner })).json()) as { lines: Line[] };
    const sent = afterSend.lines.find((line) => line.from === 'agent' && line.quotes);
    expect(sent?.text).toBe('');
    expect(sent?.quotes).toEqual([suggestion]);

    // Suggestions that are the sides of a known disagreement come with the lead-in saying so.
    await chat.say('how soon after the fracture should it be done?');
    const disputed = ((await (await harness.agent('GET', `/agent/api/conversations/${id}`, { cookie: owner })).json()) as { lines: Line[] }).lines.at(-1);
    expect(disputed?.disagreement).toBe("The clinic's documents differ on how soon after the fracture the procedure should be done. Here is what each one says:");
    expect(new Set(disputed?.suggestions?.map((quote) => quote.documentId)).size).toBeGreaterThan(1);
    await chat.poll();

    expect((await harness.agent('POST', `/agent/api/conversations/${id}/end`, { cookie: owner, body: { mode: 'hand-back' } })).status).toBe(200);
    expect((await chat.poll()).at(-1)?.channelData).toMatchObject({ outcome: 'handoff', handoff: 'ended' });
    await chat.say('how long does kyphoplasty take?');
    expect((await chat.poll())[0]?.channelData?.outcome).toBe('answer');
    expect(harness.rawLogs.some((line) => line.includes('Hello, I can help.') || line.includes('recovery like'))).toBe(false);
  });

  it('takes a patient who is gone out of the queue when an agent tries to reach them', async () => {
    const gone = await startTestAssistant({ handoff: (await import('../../src/handoff/handoffConfig')).loadHandoffConfig({ AGENT_CONSOLE_TOKEN: consoleToken, AGENT_CONSOLE_SECURE_COOKIE: 'false' }) });
    try {
      // This patient's serviceUrl (127.0.0.1:9) answers nothing: the channel cannot deliver.
      await gone.send({ type: 'message', text: 'human', channelId: 'test', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'gone-1' }, from: { id: 'u' }, recipient: { id: 'b' } });
      const login = await fetch(`${gone.assistant.url}/agent/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Agent-Console': '1' }, body: JSON.stringify({ name: 'Alex', token: consoleToken }) });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const list = (await (await fetch(`${gone.assistant.url}/agent/api/queue`, { headers: { Cookie: cookie } })).json()) as { conversations: QueueItem[] };
      const id = list.conversations[0]?.id ?? '';
      const take = await fetch(`${gone.assistant.url}/agent/api/conversations/${id}/take`, { method: 'POST', headers: { 'X-Agent-Console': '1', Cookie: cookie } });
      expect(take.status).toBe(410);
      const after = (await (await fetch(`${gone.assistant.url}/agent/api/queue`, { headers: { Cookie: cookie } })).json()) as { conversations: QueueItem[] };
      expect(after.conversations).toEqual([]);
    } finally {
      await gone.close();
    }
  });

  it('puts an emergency first in the queue, with the symptom as its reason', async () => {
    const calm = await patient();
    await calm.say('', { action: 'talk-to-person' });
    const urgent = await patient();
    await urgent.say('I suddenly lost control of my bladder');
    await urgent.say('', { action: 'talk-to-person' });
    const later = await patient();
    await later.say('', { action: 'talk-to-person' });
    await later.say('i have chest pain right now');

    const alex = await harness.signIn('Alex');
    const items = (await queue(alex)).filter((item) => item.status === 'waiting');
    expect(items.slice(0, 2).map((item) => [item.reason, item.emergency, item.reasonText])).toEqual([
      // Emergencies first, the longest waiting first: one described before asking for a person, one while waiting.
      ['emergency', 'loss of bladder or bowel control', 'Emergency: the patient described loss of bladder or bowel control'],
      ['emergency', 'chest pain', 'Emergency: the patient described chest pain'],
    ]);
    expect(items.slice(2).every((item) => item.emergency === undefined && item.reason !== 'emergency')).toBe(true);
    expect(harness.rawLogs.some((line) => line.includes('lost control of my bladder') || line.includes('chest pain right now'))).toBe(false);
  });

  it('stops waiting for a patient who left, after HANDOFF_WAIT_TIMEOUT_MINUTES', async () => {
    const short = await startConsoleHarness({ HANDOFF_WAIT_TIMEOUT_MINUTES: '5' });
    try {
      const post = (path: string, token: string, body: unknown) =>
        fetch(`${short.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      const session = (await (await fetch(`${short.url}/api/directline/token`, { method: 'POST' })).json()) as TokenAnswer;
      const conversation = (await (await post('/v3/directline/conversations', session.token, { user: {} })).json()) as TokenAnswer;
      await post(`/v3/directline/conversations/${conversation.conversationId}/activities`, conversation.token, { type: 'message', text: 'can I talk to someone', from: { id: 'x', role: 'user' } });
      const cookie = await short.signIn('Alex');
      const list = async () => ((await (await short.agent('GET', '/agent/api/queue', { cookie })).json()) as { conversations: QueueItem[] }).conversations;
      short.clock.advance(5 * 60_000);
      expect((await list()).map((item) => item.status)).toEqual(['waiting']);
      short.clock.advance(1);
      expect(await list()).toEqual([]);
    } finally {
      await short.close();
    }
  });
});
