/**
 * `npm run teams:package` as an operator runs it (the CLI in a child process, settings from the
 * environment only): the zip holds manifest.json with the current schema, the bot id from
 * MicrosoftAppId and the three scopes, and the two icons at Teams' sizes. Without a usable
 * MicrosoftAppId it refuses with a message saying what to set.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pngDimensions, unzip } from './unzip';

const repo = path.resolve(__dirname, '../..');
const workDir = mkdtempSync(path.join(tmpdir(), 'spine-teams-package-'));
const appId = '3d1f7a52-64d5-4c41-9a44-0b1b6f1a2c3e';

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs the CLI in an empty folder (no .env) with only `env` besides PATH. */
function teamsPackage(env: Record<string, string>, out = path.join(workDir, 'app.zip')) {
  return spawnSync(process.execPath, [path.join(repo, 'node_modules/tsx/dist/cli.mjs'), path.join(repo, 'src/cli/teamsPackage.ts'), '--out', out], {
    cwd: workDir,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
  });
}

describe('npm run teams:package', () => {
  it('writes a zip with the manifest, the bot id from MicrosoftAppId and both icons at their sizes', () => {
    const out = path.join(workDir, 'spine.zip');
    const run = teamsPackage(
      {
        MicrosoftAppId: appId.toUpperCase(),
        TEAMS_WEBSITE_URL: 'https://clinic.example.org/assistant',
        TEAMS_PRIVACY_URL: 'https://clinic.example.org/assistant/privacy',
        TEAMS_TERMS_URL: 'https://clinic.example.org/assistant/terms',
        CLINIC_NAME: 'Example Spine Centre',
        TEAMS_APP_VERSION: '1.2.3',
      },
      out,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(out);

    const files = unzip(readFileSync(out));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown> & {
      bots: Array<{ botId: string; scopes: string[] }>;
      developer: Record<string, string>;
      name: { short: string; full: string };
      icons: Record<string, string>;
    };
    expect(manifest['$schema']).toBe('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    expect(manifest['manifestVersion']).toBe('1.30');
    expect(manifest['version']).toBe('1.2.3');
    expect(manifest['id']).toBe(appId);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0]?.botId).toBe(appId);
    expect(manifest.bots[0]?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.developer).toEqual({
      name: 'Example Spine Centre',
      websiteUrl: 'https://clinic.example.org/assistant',
      privacyUrl: 'https://clinic.example.org/assistant/privacy',
      termsOfUseUrl: 'https://clinic.example.org/assistant/terms',
    });
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full).toContain('Example Spine Centre');
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{\w+\}\}/);
    expect(pngDimensions(files.get('color.png') ?? Buffer.alloc(0))).toEqual({ width: 192, height: 192 });
    expect(pngDimensions(files.get('outline.png') ?? Buffer.alloc(0))).toEqual({ width: 32, height: 32 });
  });

  const pages = { TEAMS_WEBSITE_URL: 'https://clinic.example.org', TEAMS_PRIVACY_URL: 'https://clinic.example.org/privacy', TEAMS_TERMS_URL: 'https://clinic.example.org/terms' };

  it('refuses without a MicrosoftAppId, or with one that is not a GUID, saying what to set', () => {
    const missing = teamsPackage(pages);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("MicrosoftAppId is missing: set it to the bot's Microsoft App ID");

    const notGuid = teamsPackage({ MicrosoftAppId: 'spine-assistant', ...pages });
    expect(notGuid.status).toBe(1);
    expect(notGuid.stderr).toContain('MicrosoftAppId is not a GUID');
    expect(notGuid.stderr).not.toContain('spine-assistant');

  });

  it('reports every missing setting at once, and never defaults privacy and terms to the website', () => {
    const nothing = teamsPackage({});
    expect(nothing.status).toBe(1);
    for (const variable of ['MicrosoftAppId', 'TEAMS_WEBSITE_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL']) {
      expect(nothing.stderr).toContain(`  - ${variable} is missing`);
    }

    const websiteOnly = teamsPackage({ MicrosoftAppId: appId, TEAMS_WEBSITE_URL: 'https://clinic.example.org', TEAMS_TERMS_URL: 'http://clinic.example.org/terms' });
    expect(websiteOnly.status).toBe(1);
    expect(websiteOnly.stderr).toContain("TEAMS_PRIVACY_URL is missing: Teams requires the app's privacy statement");
    expect(websiteOnly.stderr).toContain('TEAMS_TERMS_URL must be an https URL');
    expect(websiteOnly.stderr).not.toContain('TEAMS_WEBSITE_URL');
  });
});
