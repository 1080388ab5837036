/**
 * `npm run teams:package [-- --out <file.zip>]`: builds the Teams app package from
 * teams/manifest.template.json, the icons in teams/ and the settings in the environment (and `.env`):
 * MicrosoftAppId (required, the bot's id), TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL and TEAMS_TERMS_URL
 * (required) and the optional TEAMS_*
 * settings in .env.example. Writes dist/teams/spine-assistant-teams.zip by default. Refuses, with a
 * message naming each setting, when something is missing or wrong (exit code 1).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildTeamsAppPackage } from '../channels/teams/teamsAppPackage';
import { loadTeamsPackageConfig } from '../channels/teams/teamsPackageConfig';

const repo = path.resolve(__dirname, '../..');

function packageVersion(): string {
  const parsed: unknown = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
  return typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string' ? parsed.version : '1.0.0';
}

function outputFile(args: readonly string[]): string {
  const at = args.indexOf('--out');
  const given = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !given) throw new Error('--out needs a file name, e.g. --out spine-assistant-teams.zip');
  return path.resolve(given ?? path.join(repo, 'dist', 'teams', 'spine-assistant-teams.zip'));
}

function main(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const out = outputFile(process.argv.slice(2));
  const config = loadTeamsPackageConfig(process.env, packageVersion());
  const { manifest, zip } = buildTeamsAppPackage(config);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`Teams app package written to ${out}`);
  console.log(`  app id ${manifest.id}, version ${manifest.version}, bot ${config.botId}, scopes ${manifest.bots[0]?.scopes.join(', ') ?? ''}`);
  console.log('  Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.');
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
