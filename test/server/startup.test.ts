/**
 * Startup errors: `npm start` (src/index.ts) with bad settings or bad wording stops with exit code 1
 * and a message naming the setting or file — never a secret's value.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';
import { startAssistantProcess } from '../state/assistantProcess';

const repo = path.resolve(__dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'spine-startup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `tsx src/index.ts` in an empty folder (no .env) with only the given settings. */
function start(env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(repo, 'node_modules/tsx/dist/cli.mjs'), path.join(repo, 'src/index.ts')], {
    cwd: scratch,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('startup', () => {
  it('refuses bad settings with a message naming each one, without secret values', () => {
    const { status, stderr } = start({
      PORT: 'eighty',
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'very-secret-password',
      MicrosoftAppType: 'SingleTenant',
    });
    expect(status).toBe(1);
    expect(stderr).toContain('Spine Assistant cannot start');
    expect(stderr).toMatch(/PORT: must be a port number/);
    expect(stderr).not.toContain('very-secret-password');
  });

  it('refuses invalid wording with a message naming the file and field', () => {
    const dialogsDir = path.join(scratch, 'dialogs');
    cpSync(path.join(repo, 'dialogs'), dialogsDir, { recursive: true });
    writeFileSync(path.join(dialogsDir, 'botWording.json'), JSON.stringify({ clinic: { name: 'X', phone: '' } }));
    const { status, stderr } = start({ DIALOGS_DIR: dialogsDir });
    expect(status).toBe(1);
    expect(stderr).toContain('botWording.json');
    expect(stderr).toContain('welcome');
  });
});

describe('the start-up line', () => {
  it('names the chat page and says how to turn the agent console on', async () => {
    const assistant = await startAssistantProcess({ STATE_STORAGE: 'memory' });
    try {
      const line = await assistant.stderrLine(/^Spine Assistant is running/);
      expect(line).toBe(
        `Spine Assistant is running: open ${assistant.url}/ for the chat page; the agent console for staff is off (set AGENT_CONSOLE_TOKEN to a secret of at least 24 characters to turn it on at /agent).`,
      );
      expect((await fetch(`${assistant.url}/`)).status).toBe(200);
    } finally {
      await assistant.stop();
    }
  });

  it('names the agent console when AGENT_CONSOLE_TOKEN is set', async () => {
    const assistant = await startAssistantProcess({ STATE_STORAGE: 'memory', AGENT_CONSOLE_TOKEN: 'a-long-console-token-for-the-test-0123' });
    try {
      const line = await assistant.stderrLine(/^Spine Assistant is running/);
      expect(line).toContain(`the agent console for staff is on at ${assistant.url}/agent`);
      expect((await fetch(`${assistant.url}/agent`)).status).toBe(200);
    } finally {
      await assistant.stop();
    }
  });
});

describe('loadConfig', () => {
  it('uses the defaults for an empty environment (local mode on port 3978)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, host: '127.0.0.1', localMode: true, logLevel: 'info', maxBodyBytes: 262144 });
    expect(config.botAuth).toEqual({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' });
  });

  it('treats empty values as not set', () => {
    expect(loadConfig({ PORT: '', MicrosoftAppType: '', LOG_LEVEL: '' })).toMatchObject({ port: 3978, logLevel: 'info' });
  });

  it.each([
    [{ MicrosoftAppId: 'not-a-guid', MicrosoftAppPassword: 'x' }, 'MicrosoftAppId'],
    [{ MicrosoftAppPassword: 'x' }, 'MicrosoftAppPassword: is set but MicrosoftAppId is not'],
    [{ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' }, 'MicrosoftAppPassword: is required'],
    [{ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppType: 'UserAssignedMSI' }, 'MicrosoftAppTenantId: is required'],
    [{ MicrosoftAppType: 'Everyone' }, 'MicrosoftAppType'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ MAX_BODY_BYTES: '12' }, 'MAX_BODY_BYTES'],
  ])('rejects %j naming %s', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(expected);
  });

  it('accepts a complete single-tenant bot and leaves local mode', () => {
    const config = loadConfig({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
    });
    expect(config.localMode).toBe(false);
    expect(config.botAuth.MicrosoftAppType).toBe('SingleTenant');
  });
});
