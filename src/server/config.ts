/**
 * The server's settings, read from environment variables and validated with zod at startup. Every
 * setting is listed in `.env.example`. Errors name the variable and say what is wrong, never its value
 * (it may be a secret).
 */
import path from 'node:path';
import { z } from 'zod';
import type { BotAuthSettings } from '../bot/createBotAdapter';
import { storageKinds, type StorageKind } from '../infra/storage/stateStorage';
import { wholeNumberSetting, parseEnvSettings } from '../infra/envSettings';

/** How the bot authenticates with Azure Bot Service (the standard Bot Framework settings). */
export const microsoftAppTypes = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

/** Empty strings (e.g. `PORT=` in a .env file) count as "not set". */
const optionalText = z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().optional());
const withDefault = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const flag = withDefault(z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).default('false'));
const isLoopbackHost = (host: string): boolean => ['localhost', '127.0.0.1', '[::1]', '::1'].includes(host);
/** An https URL, or http on loopback (tests, a local stand-in). */
const endpointUrl = optionalText.refine(
  (value) => {
    if (value === undefined) return true;
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  },
  { message: 'must be an https URL (http only for localhost)' },
);
/** Comma-separated origins like `https://smba.trafficmanager.net` or `http://localhost:*`. */
const originList = optionalText.refine(
  (value) => value === undefined || value.split(',').every((entry) => /^https?:\/\/[^/\s]+$/.test(entry.trim())),
  { message: 'must be comma-separated origins such as https://example.org or http://localhost:* (no paths)' },
);

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The environment variables the server reads, before they become {@link AppConfig}. */
export const envSchema = z
  .object({
    PORT: withDefault(
      z.coerce.number({ error: 'must be a port number from 0 to 65535' }).int().min(0).max(65535).default(3978),
    ),
    HOST: optionalText,
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
    EMERGENCY_COUNTRY: optionalText.refine((value) => value === undefined || /^[A-Z]{2}$/.test(value), {
      message: 'must be a two-letter country code in capitals, e.g. US or GB',
    }),
    ToBotFromChannelOpenIdMetadataUrl: endpointUrl,
    ToBotFromChannelTokenIssuer: optionalText,
    ToBotFromEmulatorOpenIdMetadataUrl: endpointUrl,
    BOT_SIGNING_KEYS_TIMEOUT_SECONDS: wholeNumberSetting('a number of seconds', 1, 60, 5),
    STATE_STORAGE: withDefault(z.enum(storageKinds, { error: `must be one of ${storageKinds.join(', ')}` }).default('sqlite')),
    DATA_DIR: optionalText,
    REDIS_URL: optionalText.refine((value) => value === undefined || /^rediss?:\/\/\S+$/.test(value), {
      message: 'must be a redis:// or rediss:// URL',
    }),
    STATE_RETENTION_HOURS: wholeNumberSetting('a number of hours', 1, 24 * 365, 24),
    DEDUPE_TTL_SECONDS: wholeNumberSetting('a number of seconds', 10, 86_400, 600),
    ALLOWED_SERVICE_URLS: originList,
    RATE_LIMIT_CONVERSATION_PER_MINUTE: wholeNumberSetting('a number of requests', 0, 100_000, 60),
    RATE_LIMIT_CLIENT_PER_MINUTE: wholeNumberSetting('a number of requests', 0, 1_000_000, 1200),
    RATE_LIMIT_TOKEN_PER_MINUTE: wholeNumberSetting('a number of requests', 0, 100_000, 60),
    TRUST_PROXY_HOPS: wholeNumberSetting('a number of proxies', 0, 10, 0),
    METRICS_TOKEN: optionalText.refine((value) => value === undefined || value.length >= 16, { message: 'must be at least 16 characters' }),
    SHUTDOWN_GRACE_SECONDS: wholeNumberSetting('a number of seconds', 1, 300, 10),
    DEBUG_LOG_MESSAGE_TEXT: flag,
  })
  .superRefine((env, ctx) => {
    const issue = (path: string, message: string): void => ctx.addIssue({ code: 'custom', path: [path], message });
    if (env.STATE_STORAGE === 'redis' && !env.REDIS_URL) issue('REDIS_URL', 'is required when STATE_STORAGE is redis');
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
  /**
   * Interface to bind (`HOST`). Default: `127.0.0.1` (loopback only) in local mode, where requests are
   * not authenticated; `0.0.0.0` with a `MicrosoftAppId`, where Azure must reach the bot.
   */
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
  /**
   * Country whose emergency number and crisis line the emergency instructions name (`EMERGENCY_COUNTRY`,
   * a key of `countries` in `knowledge/redFlags.json`); undefined uses its `defaultCountry`.
   */
  emergencyCountry?: string;
  /** Where the bot's state is kept (`STATE_STORAGE`, `DATA_DIR`, `REDIS_URL`, `STATE_RETENTION_HOURS`). */
  state: StateConfig;
  /** Request limits and origins (`ALLOWED_SERVICE_URLS`, `RATE_LIMIT_*`, `TRUST_PROXY_HOPS`). */
  security: SecurityConfig;
  /** Operations (`METRICS_TOKEN`, `SHUTDOWN_GRACE_SECONDS`, `DEBUG_LOG_MESSAGE_TEXT`). */
  operations: OperationsConfig;
}

/** Where and how long the bot's state is kept. */
export interface StateConfig {
  /** `memory` (lost on restart), `sqlite` (default: a file in {@link dataDir}) or `redis` (several instances). */
  storage: StorageKind;
  /** Folder of the SQLite file (`DATA_DIR`, default `./data` in the working directory). */
  dataDir: string;
  /** Redis URL (`REDIS_URL`), required for `redis`; also holds the built-in Direct Line's conversations then. */
  redisUrl?: string;
  /** State is deleted this long after its last change (`STATE_RETENTION_HOURS`, default 24), in ms. */
  retentionMs: number;
  /** Delivered activity ids are remembered this long to drop duplicates (`DEDUPE_TTL_SECONDS`, default 600), in ms. */
  dedupeTtlMs: number;
}

/** Limits on who may call what, how often. */
export interface SecurityConfig {
  /**
   * Origins the bot may send replies to in local mode, besides this server itself (`ALLOWED_SERVICE_URLS`,
   * e.g. `http://localhost:*` for the Bot Framework Emulator). With a `MicrosoftAppId` the signed token's
   * serviceUrl claim decides instead.
   */
  allowedServiceUrls: string[];
  /** Requests per minute to /api/messages per conversation; 0 = no limit (default 60). */
  conversationPerMinute: number;
  /** Requests per minute per client address to the page and the built-in Direct Line; 0 = no limit (default 1200). */
  clientPerMinute: number;
  /** Tokens per minute per client address from /api/directline/token; 0 = no limit (default 60). */
  tokenPerMinute: number;
  /** Reverse proxies in front whose X-Forwarded-For is trusted (`TRUST_PROXY_HOPS`, default 0). */
  trustProxyHops: number;
  /**
   * Longest wait for Bot Framework's signing keys (OpenID metadata and keys together) before a request
   * with a token gets 503 with Retry-After (`BOT_SIGNING_KEYS_TIMEOUT_SECONDS`, default 5, range 1-60), in ms.
   */
  signingKeysTimeoutMs: number;
}

/** Operations settings. */
export interface OperationsConfig {
  /** Bearer token /metrics requires (`METRICS_TOKEN`); undefined = open (bind to a private network). */
  metricsToken?: string;
  /** On SIGTERM, in-flight requests get this long to finish (`SHUTDOWN_GRACE_SECONDS`, default 10), in ms. */
  shutdownGraceMs: number;
  /** Log message text in turn reports (`DEBUG_LOG_MESSAGE_TEXT`): a debugging aid, never for production. */
  logMessageText: boolean;
}

/** A configuration that cannot be used; the message lists every problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration from `env` (normally `process.env`). Throws {@link ConfigError}. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const e = parseEnvSettings(envSchema, env, { error: ConfigError, heading: 'config: invalid settings' });
  return {
    port: e.PORT,
    host: e.HOST ?? (e.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    logLevel: e.LOG_LEVEL,
    botAuth: {
      MicrosoftAppId: e.MicrosoftAppId ?? '',
      MicrosoftAppPassword: e.MicrosoftAppPassword ?? '',
      MicrosoftAppType: e.MicrosoftAppType,
      MicrosoftAppTenantId: e.MicrosoftAppTenantId ?? '',
      ToBotFromChannelOpenIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer: e.ToBotFromChannelTokenIssuer,
      ToBotFromEmulatorOpenIdMetadataUrl: e.ToBotFromEmulatorOpenIdMetadataUrl,
    },
    localMode: !e.MicrosoftAppId,
    knowledgeDir: e.KNOWLEDGE_DIR,
    dialogsDir: e.DIALOGS_DIR,
    maxBodyBytes: e.MAX_BODY_BYTES,
    clinicName: e.CLINIC_NAME,
    clinicPhone: e.CLINIC_PHONE,
    emergencyCountry: e.EMERGENCY_COUNTRY,
    state: {
      storage: e.STATE_STORAGE,
      dataDir: path.resolve(e.DATA_DIR ?? 'data'),
      redisUrl: e.REDIS_URL,
      retentionMs: e.STATE_RETENTION_HOURS * 3_600_000,
      dedupeTtlMs: e.DEDUPE_TTL_SECONDS * 1000,
    },
    security: {
      allowedServiceUrls: (e.ALLOWED_SERVICE_URLS ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''),
      conversationPerMinute: e.RATE_LIMIT_CONVERSATION_PER_MINUTE,
      clientPerMinute: e.RATE_LIMIT_CLIENT_PER_MINUTE,
      tokenPerMinute: e.RATE_LIMIT_TOKEN_PER_MINUTE,
      trustProxyHops: e.TRUST_PROXY_HOPS,
      signingKeysTimeoutMs: e.BOT_SIGNING_KEYS_TIMEOUT_SECONDS * 1000,
    },
    operations: {
      metricsToken: e.METRICS_TOKEN,
      shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
      logMessageText: e.DEBUG_LOG_MESSAGE_TEXT === 'true' || e.DEBUG_LOG_MESSAGE_TEXT === '1',
    },
  };
}
