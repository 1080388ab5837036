/**
 * Hard kills (SIGKILL: no shutdown, the SQLite journal left as it was) with the embedded store: a
 * candidate check killed after each answer resumes exactly where it was — the same questions, in the
 * same order, as an uninterrupted run of the same answers — and "forget me" followed at once by a kill
 * leaves none of the patient's words in the data folder's files (the journal was truncated at the
 * forgetting, not at a shutdown that never came).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConversation, type ReplyActivity } from '../server/assistantHarness';
import { startAssistantProcess, type AssistantProcess } from '../state/assistantProcess';
import { markerWord } from './clinicHarness';

const dataDir = mkdtempSync(path.join(tmpdir(), 'spine-kill-'));
const env = { STATE_STORAGE: 'sqlite', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
const running: AssistantProcess[] = [];
afterAll(async () => {
  const alive = running.filter((process) => process.child.exitCode === null && process.child.signalCode === null);
  await Promise.all(alive.map((process) => process.stop('SIGKILL')));
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<AssistantProcess> {
  const assistant = await startAssistantProcess(env);
  running.push(assistant);
  return assistant;
}

/** What a reply shows of the check: its outcome and the question it asks. */
function stepOf(reply: ReplyActivity | undefined): string {
  const screening = reply?.channelData?.['screening'];
  const questionId = typeof screening === 'object' && screening !== null && 'questionId' in screening ? String(screening.questionId) : '-';
  return `${reply?.channelData?.outcome ?? 'none'}:${questionId}`;
}

const answers = ['no', 'yes', 'yes', 'no'];

describe('hard kills with the embedded store', () => {
  it('resumes a candidate check killed after every answer exactly where it was', async () => {
    let assistant = await start();
    const killed = testConversation();
    const killedSteps: string[] = [stepOf((await assistant.send(killed.message('', { action: 'start-screening' }))).activities[0])];
    for (const answer of answers) {
      expect(await assistant.stop('SIGKILL')).toBeNull();
      assistant = await start();
      killedSteps.push(stepOf((await assistant.send(killed.message(answer))).activities[0]));
    }
    const calm = testConversation();
    const calmSteps: string[] = [stepOf((await assistant.send(calm.message('', { action: 'start-screening' }))).activities[0])];
    for (const answer of answers) calmSteps.push(stepOf((await assistant.send(calm.message(answer))).activities[0]));
    expect(killedSteps).toEqual(calmSteps);
    expect(killedSteps[1]).toMatch(/^screening:/);
  }, 180_000);

  it('leaves no words on disk when killed right after "forget me"', async () => {
    const assistant = await start();
    const chat = testConversation();
    const marker = markerWord('kill');
    await assistant.send(chat.message(`how long does kyphoplasty take for my ${marker}?`));
    await assistant.send(chat.message('', { action: 'start-screening' }));
    expect((await assistant.send(chat.message('forget me'))).activities[0]?.channelData?.outcome).toBe('help');
    expect(await assistant.stop('SIGKILL')).toBeNull();
    const bytes = readdirSync(dataDir).map((name) => readFileSync(path.join(dataDir, name)).toString('latin1')).join('\n');
    expect(bytes.startsWith('SQLite format 3')).toBe(true);
    expect(bytes.includes(marker), 'the marker word is still in the data folder').toBe(false);
  }, 120_000);
});
