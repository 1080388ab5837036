/**
 * The compiled build runs as built: `npm run build`'s configuration (tsconfig.build.json) compiled into a
 * fresh folder laid out like the package (its dist/ beside links to knowledge/, dialogs/, src/ and
 * node_modules/), then started the way `npm start` starts dist/index.js: the chat page and its files, the
 * readiness probe, a question answered with quotes, a screening started (its dialog loads on first use),
 * and a clean stop. The test builds its own copy, so the shared dist/ (possibly stale) is never used.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAssistantProcess, type AssistantProcess } from '../state/assistantProcess';

const repo = path.resolve(__dirname, '../..');
const root = mkdtempSync(path.join(tmpdir(), 'spine-built-'));
let assistant: AssistantProcess | undefined;

beforeAll(async () => {
  for (const folder of ['knowledge', 'dialogs', 'src', 'node_modules']) symlinkSync(path.join(repo, folder), path.join(root, folder));
  const build = spawnSync(
    process.execPath,
    [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', path.join(repo, 'tsconfig.build.json'), '--outDir', path.join(root, 'dist')],
    { cwd: repo, encoding: 'utf8', timeout: 120_000 },
  );
  expect(build.status, build.stdout + build.stderr).toBe(0);
  assistant = await startAssistantProcess(
    { DATA_DIR: path.join(root, 'data'), LOG_LEVEL: 'info' },
    { args: [path.join(root, 'dist', 'index.js')], cwd: root },
  );
}, 180_000);

afterAll(async () => {
  await assistant?.stop();
  rmSync(root, { recursive: true, force: true });
});

const message = (text: string, value?: unknown): Record<string, unknown> => ({
  type: 'message',
  id: `m-${text.length}-${JSON.stringify(value ?? null).length}`,
  channelId: 'test',
  serviceUrl: 'http://127.0.0.1:9/',
  conversation: { id: 'built-output' },
  from: { id: 'patient' },
  recipient: { id: 'bot' },
  text,
  ...(value === undefined ? {} : { value }),
});

describe('the compiled build (npm start)', () => {
  it('serves the chat page and its files, and is ready', async () => {
    const url = assistant?.url ?? '';
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /src="(\/webchat\/chatPage\.js\?v=[^"]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${url}${script}`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it('answers a question with quotes and starts the candidate check', async () => {
    const answer = await assistant?.send(message('How long does kyphoplasty take?'));
    expect(answer?.status).toBe(200);
    expect(answer?.activities[0]?.channelData).toMatchObject({ outcome: 'answer' });
    const screening = await assistant?.send(message('', { action: 'start-screening' }));
    expect(screening?.activities.at(-1)?.channelData).toMatchObject({ outcome: 'screening', screening: { status: 'asking' } });
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await assistant?.stop()).toBe(0);
    expect(assistant?.output()).not.toMatch(/"level":"error"/);
  });
});
