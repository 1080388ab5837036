/**
 * The Teams app package: teams/manifest.template.json filled in from the settings, checked against the
 * limits of the app manifest schema (v1.30) that matter here, and zipped flat with the two icons, whose
 * sizes are checked too (color 192×192, outline 32×32). The template's `{{name}}` placeholders are
 * replaced inside the parsed JSON's strings, so no setting can break the JSON.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readPngInfo } from './pngImage';
import type { TeamsPackageConfig } from './teamsPackageConfig';
import { writeZip } from './zipArchive';

/** The folder with the manifest template and the icons. */
export const defaultTeamsAppDir = path.resolve(__dirname, '../../../teams');

/** The manifest schema version the template uses. */
export const teamsManifestVersion = '1.30';

/** Icon files and the sizes Teams requires. */
export const teamsIcons = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } } as const;

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
const httpUrl = z.string().regex(/^[Hh][Tt][Tt][Pp][Ss]?:\/\/\S+$/, 'must be an http(s) URL').max(2048);
const scopes = z.array(z.enum(['personal', 'team', 'groupChat'])).min(1).max(3);

/** The manifest fields this app uses, with the schema's limits. */
export const teamsManifestSchema = z.object({
  $schema: z.literal(`https://developer.microsoft.com/json-schemas/teams/v${teamsManifestVersion}/MicrosoftTeams.schema.json`),
  manifestVersion: z.literal(teamsManifestVersion),
  version: z.string().regex(/^\d+\.\d+\.\d+/, 'must be a semantic version').max(256),
  id: guid,
  developer: z.strictObject({ name: z.string().min(1).max(32), websiteUrl: httpUrl, privacyUrl: httpUrl, termsOfUseUrl: httpUrl }),
  name: z.strictObject({ short: z.string().min(1).max(30), full: z.string().max(100).optional() }),
  description: z.strictObject({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.strictObject({ color: z.literal(teamsIcons.color.file), outline: z.literal(teamsIcons.outline.file) }),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1F5F8B'),
  bots: z
    .array(
      z.strictObject({
        botId: guid,
        scopes,
        supportsFiles: z.boolean().optional(),
        isNotificationOnly: z.boolean().optional(),
        commandLists: z
          .array(z.strictObject({ scopes, commands: z.array(z.strictObject({ title: z.string().min(1).max(128), description: z.string().max(4000) })).max(12) }))
          .max(3)
          .optional(),
      }),
    )
    .length(1),
  validDomains: z.array(z.string()).max(16).optional(),
});

/** A filled-in manifest. */
export type TeamsManifest = z.infer<typeof teamsManifestSchema>;

/** The package could not be built; the message says why. */
export class TeamsPackageError extends Error {
  override readonly name = 'TeamsPackageError';
}

function fill(value: unknown, values: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{(\w+)\}\}/g, (match, name: string) => {
      const replacement = values[name];
      if (replacement === undefined) throw new TeamsPackageError(`teams/manifest.template.json uses an unknown placeholder ${match}`);
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, values)]));
  return value;
}

/** The manifest: the template filled in with the settings and validated. */
export function buildTeamsManifest(config: TeamsPackageConfig, appDir: string = defaultTeamsAppDir): TeamsManifest {
  const templateFile = path.join(appDir, 'manifest.template.json');
  let template: unknown;
  try {
    template = JSON.parse(readFileSync(templateFile, 'utf8'));
  } catch (error) {
    throw new TeamsPackageError(`Cannot read ${templateFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { botId, teamsAppId, appVersion, developerName, clinicName, websiteUrl, privacyUrl, termsOfUseUrl } = config;
  const filled = fill(template, { botId, teamsAppId, appVersion, developerName, clinicName, websiteUrl, privacyUrl, termsOfUseUrl });
  const parsed = teamsManifestSchema.safeParse(filled);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new TeamsPackageError(`The filled-in manifest is not valid:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

function readIcon(appDir: string, icon: (typeof teamsIcons)[keyof typeof teamsIcons]): Buffer {
  const file = path.join(appDir, icon.file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new TeamsPackageError(`Missing icon ${file} (run npm run teams:icons)`);
  }
  const info = readPngInfo(bytes);
  if (!info || info.width !== icon.size || info.height !== icon.size) {
    const found = info ? `${info.width}×${info.height}` : 'not a PNG';
    throw new TeamsPackageError(`${file} must be a ${icon.size}×${icon.size} PNG (found ${found})`);
  }
  return bytes;
}

/** The package: manifest.json, color.png and outline.png at the root of a zip. */
export function buildTeamsAppPackage(config: TeamsPackageConfig, appDir: string = defaultTeamsAppDir): { manifest: TeamsManifest; zip: Buffer } {
  const manifest = buildTeamsManifest(config, appDir);
  const zip = writeZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: teamsIcons.color.file, data: readIcon(appDir, teamsIcons.color) },
    { name: teamsIcons.outline.file, data: readIcon(appDir, teamsIcons.outline) },
  ]);
  return { manifest, zip };
}
