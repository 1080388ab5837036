/**
 * Settings of the Teams channel, read from environment variables and validated with zod: who counts as
 * clinic staff (and may ask for answers to paste), and the largest message the bot sends to Teams.
 * Errors name the variable, never its value.
 */
import { z } from 'zod';
import { blankAsUnset, parseEnvSettings } from '../../infra/envSettings';

/** Teams' limit on a bot message, in bytes of the payload encoded as UTF-16 (the issue's 28 KB). */
export const teamsMessageLimitBytes = 28 * 1024;

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = z.string().trim().regex(guidPattern, { error: 'must be a GUID like 00000000-0000-0000-0000-000000000000' });

/** The environment variables of the Teams channel. */
export const teamsEnvSchema = z
  .object({
    TEAMS_STAFF: z.preprocess(
      blankAsUnset,
      z
        .string()
        .trim()
        .transform((value) => (value.toLowerCase() === 'tenant' ? ('tenant' as const) : value.split(',').map((id) => id.trim()).filter((id) => id !== '')))
        .pipe(z.union([z.literal('tenant'), z.array(guid).min(1).max(500, { error: 'must list at most 500 object ids' })], {
          error: 'must be "tenant" or a comma-separated list of Microsoft Entra object ids (GUIDs)',
        }))
        .optional(),
    ),
    TEAMS_TENANT_ID: z.preprocess(blankAsUnset, guid.optional()),
    MicrosoftAppTenantId: z.preprocess(blankAsUnset, z.string().trim().optional()),
    TEAMS_MAX_MESSAGE_BYTES: z.preprocess(
      blankAsUnset,
      z.coerce
        .number({ error: 'must be a number of bytes' })
        .int({ error: 'must be a whole number of bytes' })
        .min(2048, { error: 'must be at least 2048' })
        .max(100 * 1024, { error: 'must be at most 102400' })
        .default(teamsMessageLimitBytes),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.TEAMS_STAFF === 'tenant' && !env.TEAMS_TENANT_ID && !(env.MicrosoftAppTenantId && guidPattern.test(env.MicrosoftAppTenantId))) {
      ctx.addIssue({ code: 'custom', path: ['TEAMS_TENANT_ID'], message: 'is required when TEAMS_STAFF is "tenant" (or set MicrosoftAppTenantId)' });
    }
  });

/** Who may ask for answers to paste. */
export type TeamsStaffRule =
  /** Nobody: "paste:" questions get the usual answer. */
  | { kind: 'none' }
  /** Anyone whose message comes from the clinic's Microsoft Entra tenant (`channelData.tenant.id`). */
  | { kind: 'tenant'; tenantId: string }
  /** The users with these Microsoft Entra object ids (`from.aadObjectId`), lower case. */
  | { kind: 'users'; aadObjectIds: ReadonlySet<string> };

/** The Teams channel's settings. */
export interface TeamsConfig {
  /** Who counts as clinic staff (`TEAMS_STAFF`, `TEAMS_TENANT_ID`). Default: nobody. */
  staff: TeamsStaffRule;
  /**
   * Largest message sent to Teams, in bytes of the JSON payload as UTF-16 (`TEAMS_MAX_MESSAGE_BYTES`,
   * default 28672 = 28 KB, range 2048–102400). Longer replies drop whole quotes, the last first.
   */
  maxMessageBytes: number;
}

/** Defaults of {@link TeamsConfig}. */
export const defaultTeamsConfig: TeamsConfig = { staff: { kind: 'none' }, maxMessageBytes: teamsMessageLimitBytes };

/** A Teams setting that cannot be used; the message lists every problem. */
export class TeamsConfigError extends Error {
  override readonly name = 'TeamsConfigError';
}

/** Reads and validates the Teams settings from `env` (normally `process.env`). */
export function loadTeamsConfig(env: NodeJS.ProcessEnv): TeamsConfig {
  const e = parseEnvSettings(teamsEnvSchema, env, { error: TeamsConfigError, heading: 'teamsConfig: invalid settings' });
  const staff: TeamsStaffRule =
    e.TEAMS_STAFF === undefined
      ? { kind: 'none' }
      : e.TEAMS_STAFF === 'tenant'
        ? { kind: 'tenant', tenantId: (e.TEAMS_TENANT_ID ?? e.MicrosoftAppTenantId ?? '').toLowerCase() }
        : { kind: 'users', aadObjectIds: new Set(e.TEAMS_STAFF.map((id) => id.toLowerCase())) };
  return { staff, maxMessageBytes: e.TEAMS_MAX_MESSAGE_BYTES };
}
