/**
 * Graceful shutdown of the real process on SIGTERM: a request that is in flight when the signal comes
 * (its body only half sent) is still answered; new connections are refused at once; the process exits
 * 0 once the turn is done; and the turn's state was saved (a new process on the same data directory
 * continues the conversation).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBotWording } from '../../src/bot/botWording';
import { startAssistantProcess, type AssistantProcess } from '../state/assistantProcess';
import { testConversation, type ReplyActivity } from './assistantHarness';

const dataDir = mkdtempSync(path.join(tmpdir(), 'spine-shutdown-'));
const running: AssistantProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((process) => process.stop('SIGKILL')));
  rmSync(dataDir, { recursive: true, force: true });
});

/** Waits until `predicate` holds for the process output (bounded by the test timeout). */
async function outputMatches(process: AssistantProcess, pattern: RegExp): Promise<void> {
  while (!pattern.test(process.output())) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe('graceful shutdown on SIGTERM', () => {
  it('finishes the in-flight turn, refuses new connections, saves state and exits 0', async () => {
    const env = { STATE_STORAGE: 'sqlite', DATA_DIR: dataDir };
    const assistant = await startAssistantProcess(env);
    running.push(assistant);
    const { port } = new URL(assistant.url);
    const chat = testConversation();
    const body = Buffer.from(JSON.stringify({ ...chat.message('How long does kyphoplasty take?'), deliveryMode: 'expectReplies' }));

    const socket = connect(Number(port), '127.0.0.1');
    let raw = '';
    socket.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const half = Math.floor(body.length / 2);
    socket.write(`POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    socket.write(body.subarray(0, half));
    // The server has read the request line once it answers a later request on another connection.
    expect((await fetch(`${assistant.url}/healthz`)).status).toBe(200);

    assistant.child.kill('SIGTERM');
    await outputMatches(assistant, /"event":"assistant\.stopping"/);
    expect(assistant.output()).toMatch(/"inFlight":[1-9][^\n]*"event":"assistant\.stopping"/);
    await expect(fetch(`${assistant.url}/healthz`)).rejects.toThrow();

    socket.write(body.subarray(half));
    await ended;
    const [head = '', payload = ''] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(head.toLowerCase()).toContain('connection: close');
    const replies = (JSON.parse(payload) as { activities: ReplyActivity[] }).activities;
    expect(replies[0]?.channelData?.outcome).toBe('answer');
    // No second signal (a second one means "exit now"): the first one is enough.
    expect(await assistant.exited()).toBe(0);
    expect(assistant.output()).toContain('"event":"assistant.stopped"');

    // The answered turn's state was flushed: typed feedback in a new process rates that answer.
    const restarted = await startAssistantProcess(env);
    running.push(restarted);
    await restarted.send(chat.message(loadBotWording().actions.helpful));
    const quoteIds = (replies[0]?.channelData?.quotes ?? []).map((quote) => `${quote.documentId}:${quote.start}-${quote.end}`);
    expect(restarted.output()).toContain(`"quoteIds":${JSON.stringify(quoteIds)}`);
    expect(await restarted.stop()).toBe(0);
  }, 120_000);
});
