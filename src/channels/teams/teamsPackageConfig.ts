/**
 * Settings of the Teams app package (`npm run teams:package`), read from environment variables (and
 * `.env`) and validated with zod. The bot id is the bot's `MicrosoftAppId`; without it, or with one that
 * is not a GUID, there is no package — Teams could not reach the bot.
 */
import { z } from 'zod';
import { blankAsUnset, parseEnvSettings } from '../../infra/envSettings';

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const semverPattern = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
/** A required https URL; `missing` says what the page is when the variable is not set. */
const httpsUrl = (missing: string) =>
  z.preprocess(
    blankAsUnset,
    z
      .string({ error: `is missing: ${missing} (an https URL)` })
      .trim()
      .max(2048)
      .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', { message: 'must be an https URL' }),
  );

/** The environment variables of the package. */
export const teamsPackageEnvSchema = z.object({
  MicrosoftAppId: z.preprocess(
    blankAsUnset,
    z
      .string({ error: "is missing: set it to the bot's Microsoft App ID from the Azure Bot resource (Configuration)" })
      .trim()
      .regex(guidPattern, { error: "is not a GUID: it must be the bot's Microsoft App ID, like 00000000-0000-0000-0000-000000000000" }),
  ),
  TEAMS_APP_ID: z.preprocess(blankAsUnset, z.string().trim().regex(guidPattern, { error: 'must be a GUID' }).optional()),
  TEAMS_APP_VERSION: z.preprocess(blankAsUnset, z.string().trim().regex(semverPattern, { error: 'must be a version like 1.0.0' }).optional()),
  TEAMS_DEVELOPER_NAME: z.preprocess(blankAsUnset, z.string().trim().max(32, { error: 'must be at most 32 characters' }).optional()),
  TEAMS_WEBSITE_URL: httpsUrl("Teams requires the app's support page"),
  // A health app's privacy statement and terms are pages of their own, never defaulted to the website.
  TEAMS_PRIVACY_URL: httpsUrl("Teams requires the app's privacy statement: the clinic's privacy notice for this assistant"),
  TEAMS_TERMS_URL: httpsUrl("Teams requires the app's terms of use: the clinic's terms for this assistant"),
  CLINIC_NAME: z.preprocess(blankAsUnset, z.string().trim().max(60, { error: 'must be at most 60 characters for the app name' }).optional()),
});

/** What goes into the manifest besides the template. */
export interface TeamsPackageConfig {
  /** The bot's Microsoft App ID (`MicrosoftAppId`): `bots[0].botId`. */
  botId: string;
  /** The app's id (`TEAMS_APP_ID`, default the bot id). */
  teamsAppId: string;
  /** The app's version (`TEAMS_APP_VERSION`, default package.json's). Raise it for every new upload. */
  appVersion: string;
  /** Who publishes the app (`TEAMS_DEVELOPER_NAME`, default `CLINIC_NAME`, ≤ 32 characters). */
  developerName: string;
  /** The clinic's name in the app's full name and description (`CLINIC_NAME`). */
  clinicName: string;
  /** Support page (`TEAMS_WEBSITE_URL`, required, https). */
  websiteUrl: string;
  /** Privacy statement (`TEAMS_PRIVACY_URL`, required, https; no default). */
  privacyUrl: string;
  /** Terms of use (`TEAMS_TERMS_URL`, required, https; no default). */
  termsOfUseUrl: string;
}

/** A package setting that cannot be used; the message names each variable and what is wrong. */
export class TeamsPackageConfigError extends Error {
  override readonly name = 'TeamsPackageConfigError';
}

/** The clinic name used when `CLINIC_NAME` is not set. */
export const defaultPackageClinicName = 'Spine Clinic';

/** Reads and validates the package settings, reporting every unusable one at once; `packageVersion` is package.json's version. */
export function loadTeamsPackageConfig(env: NodeJS.ProcessEnv, packageVersion: string): TeamsPackageConfig {
  const e = parseEnvSettings(teamsPackageEnvSchema, env, { error: TeamsPackageConfigError, heading: 'Cannot build the Teams app package', sentences: true });
  const clinicName = e.CLINIC_NAME ?? defaultPackageClinicName;
  return {
    botId: e.MicrosoftAppId.toLowerCase(),
    teamsAppId: (e.TEAMS_APP_ID ?? e.MicrosoftAppId).toLowerCase(),
    appVersion: e.TEAMS_APP_VERSION ?? packageVersion,
    developerName: e.TEAMS_DEVELOPER_NAME ?? clinicName.slice(0, 32),
    clinicName,
    websiteUrl: e.TEAMS_WEBSITE_URL,
    privacyUrl: e.TEAMS_PRIVACY_URL,
    termsOfUseUrl: e.TEAMS_TERMS_URL,
  };
}
