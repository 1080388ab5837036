/**
 * The server's settings, read from environment variables and validated with zod at startup. Every
 * setting is listed in `.env.example`. Errors name the variable and say what is wrong, never its value
 * (it may be a secret).
 */
import { z } from 'zod';
import type { BotAuthSettings } from '../bot/createBotAdapter';

/** How the bot authenticates with Azure Bot Service (the standard Bot Framework settings). */
export const microsoftAppTypes = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

/** Empty strings (e.g. `PORT=` in a .env file) count as "not set". */
const optionalText = z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().optional());
const withDefault = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The environment variables the server reads, before they become {@link AppConfig}. */
export const envSchema = z
  .object({
    PORT: withDefault(
      z.coerce.number({ error: 'must be a port number from 0 to 65535' }).int().min(0).max(65535).default(3978),
    ),
    HOST: withDefault(z.string().trim().min(1).default('0.0.0.0')),
    MicrosoftAppId: optionalText.refine((value) => value === undefined || guidPattern.test(value), {
      message: 'must be the bot\'s Microsoft App ID (a GUID like 00000000-0000-0000-0000-000000000000)',
    }),
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: withDefault(z.enum(microsoftAppTypes).default('MultiTenant')),
    MicrosoftAppTenantId: optionalText,
    LOG_LEVEL: withDefault(z.enum(['debug', 'info', 'warn', 'error']).default('info')),
    KNOWLEDGE_DIR: optionalText,
    DIALOGS_DIR: optionalText,
    MAX_BODY_BYTES: withDefault(
      z.coerce
        .number({ error: 'must be a number of bytes' })
        .int()
        .min(1024)
        .max(10 * 1024 * 1024)
        .default(256 * 1024),
    ),
    CLINIC_NAME: optionalText,
    CLINIC_PHONE: optionalText,
  })
  .superRefine((env, ctx) => {
    const issue = (path: string, message: string): void => ctx.addIssue({ code: 'custom', path: [path], message });
    if (!env.MicrosoftAppId) {
      if (env.MicrosoftAppPassword) issue('MicrosoftAppPassword', 'is set but MicrosoftAppId is not; set both or neither');
      return;
    }
    if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      issue('MicrosoftAppPassword', `is required when MicrosoftAppId is set and MicrosoftAppType is ${env.MicrosoftAppType}`);
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
      issue('MicrosoftAppTenantId', `is required when MicrosoftAppType is ${env.MicrosoftAppType}`);
    }
  });

/** The raw, validated environment. */
export type Env = z.infer<typeof envSchema>;

/** The server's configuration. */
export interface AppConfig {
  /** TCP port to listen on (`PORT`, default 3978; 0 picks a free port). */
  port: number;
  /** Interface to bind (`HOST`, default `0.0.0.0`). */
  host: string;
  /** Log level (`LOG_LEVEL`, default `info`). */
  logLevel: Env['LOG_LEVEL'];
  /** Bot Framework credentials; all empty in local mode. */
  botAuth: BotAuthSettings;
  /** True when no `MicrosoftAppId` is set: requests are not authenticated (local use, tests, the built-in Direct Line). */
  localMode: boolean;
  /** Content folders (`KNOWLEDGE_DIR`, `DIALOGS_DIR`); undefined means the repository's own. */
  knowledgeDir?: string;
  dialogsDir?: string;
  /** Largest accepted request body in bytes (`MAX_BODY_BYTES`, default 262144). */
  maxBodyBytes: number;
  /** Clinic name and phone number used in wording (`CLINIC_NAME`, `CLINIC_PHONE`); undefined uses the wording file's. */
  clinicName?: string;
  clinicPhone?: string;
}

/** A configuration that cannot be used; the message lists every problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration from `env` (normally `process.env`). Throws {@link ConfigError}. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(`config: invalid settings (see .env.example):\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    botAuth: {
      MicrosoftAppId: e.MicrosoftAppId ?? '',
      MicrosoftAppPassword: e.MicrosoftAppPassword ?? '',
      MicrosoftAppType: e.MicrosoftAppType,
      MicrosoftAppTenantId: e.MicrosoftAppTenantId ?? '',
    },
    localMode: !e.MicrosoftAppId,
    knowledgeDir: e.KNOWLEDGE_DIR,
    dialogsDir: e.DIALOGS_DIR,
    maxBodyBytes: e.MAX_BODY_BYTES,
    clinicName: e.CLINIC_NAME,
    clinicPhone: e.CLINIC_PHONE,
  };
}
