/**
 * Settings of the Direct Line half of the web channel, read from environment variables and validated
 * with zod. Two modes: `builtIn` (no Azure: this server is the Direct Line service) and `azure`
 * (`DIRECTLINE_SECRET` is set: tokens come from Azure Direct Line and the page talks to Azure).
 * Error messages name the variable, never its value (it may be a secret).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { blankAsUnset, wholeNumberSetting, parseEnvSettings } from '../../infra/envSettings';

/** Azure's public Direct Line 3.0 API base. */
export const azureDirectLineDomain = 'https://directline.botframework.com/v3/directline';


const isLoopback = (host: string): boolean => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

/** The environment variables of the Direct Line settings. */
export const directLineEnvSchema = z.object({
  DIRECTLINE_SECRET: z.preprocess(blankAsUnset, z.string().trim().min(20, { error: 'is too short to be a Direct Line secret' }).optional()),
  DIRECTLINE_DOMAIN: z.preprocess(
    blankAsUnset,
    z
      .url({ error: 'must be a URL like https://directline.botframework.com/v3/directline' })
      .refine((value) => {
        const url = new URL(value);
        return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
      }, 'must use https (http only for localhost)')
      .default(azureDirectLineDomain),
  ),
  DIRECTLINE_TOKEN_SECRET: z.preprocess(
    blankAsUnset,
    z.string().min(32, { error: 'must be at least 32 characters (e.g. `openssl rand -base64 48`)' }).optional(),
  ),
  DIRECTLINE_TOKEN_TTL_SECONDS: wholeNumberSetting('a number of seconds', 1200, 86_400, 3600),
  DIRECTLINE_MAX_CONVERSATIONS: wholeNumberSetting('a number of conversations', 1, 1_000_000, 1000),
  DIRECTLINE_MAX_ACTIVITIES: wholeNumberSetting('a number of activities', 10, 100_000, 500),
  DIRECTLINE_IDLE_TIMEOUT_SECONDS: wholeNumberSetting('a number of seconds', 60, 7 * 86_400, 7200),
  DIRECTLINE_MAX_MEMORY_MB: wholeNumberSetting('a number of megabytes', 1, 65_536, 64),
});

/** Settings of the built-in Direct Line. */
export interface BuiltInDirectLineConfig {
  mode: 'builtIn';
  /** HMAC key of tokens (`DIRECTLINE_TOKEN_SECRET`, or random per process: tokens die with the process). */
  tokenSecret: Buffer;
  /** Whether {@link tokenSecret} came from the environment (needed for several instances behind one URL). */
  tokenSecretConfigured: boolean;
  /** Token lifetime in seconds (`DIRECTLINE_TOKEN_TTL_SECONDS`, default 3600, at least 1200 because Web Chat refreshes every 15 minutes). */
  tokenLifetimeSeconds: number;
  /** Most conversations kept in memory (`DIRECTLINE_MAX_CONVERSATIONS`, default 1000). */
  maxConversations: number;
  /** Activities kept per conversation (`DIRECTLINE_MAX_ACTIVITIES`, default 500). */
  maxActivitiesPerConversation: number;
  /** Idle conversations are dropped after this many seconds (`DIRECTLINE_IDLE_TIMEOUT_SECONDS`, default 7200). */
  idleTimeoutSeconds: number;
  /**
   * Most bytes of activities the in-memory store keeps, all conversations together (`DIRECTLINE_MAX_MEMORY_MB`,
   * default 64 MiB, range 1-65536); the oldest activities of the least recently active conversations go first.
   */
  maxBytes: number;
}

/** Settings when Azure Bot Service's Direct Line is used. */
export interface AzureDirectLineConfig {
  mode: 'azure';
  /** The Direct Line secret (`DIRECTLINE_SECRET`); stays on the server. */
  secret: string;
  /** Direct Line API base (`DIRECTLINE_DOMAIN`, default Azure's global endpoint). */
  domain: string;
}

/** The Direct Line settings. */
export type DirectLineConfig = BuiltInDirectLineConfig | AzureDirectLineConfig;

/** A Direct Line setting that cannot be used; the message lists every problem. */
export class DirectLineConfigError extends Error {
  override readonly name = 'DirectLineConfigError';
}

/** Reads and validates the Direct Line settings from `env` (normally `process.env`). */
export function loadDirectLineConfig(env: NodeJS.ProcessEnv): DirectLineConfig {
  const e = parseEnvSettings(directLineEnvSchema, env, { error: DirectLineConfigError, heading: 'directLineConfig: invalid settings' });
  if (e.DIRECTLINE_SECRET !== undefined) {
    return { mode: 'azure', secret: e.DIRECTLINE_SECRET, domain: e.DIRECTLINE_DOMAIN.replace(/\/+$/, '') };
  }
  return {
    mode: 'builtIn',
    tokenSecret: e.DIRECTLINE_TOKEN_SECRET ? Buffer.from(e.DIRECTLINE_TOKEN_SECRET, 'utf8') : randomBytes(32),
    tokenSecretConfigured: e.DIRECTLINE_TOKEN_SECRET !== undefined,
    tokenLifetimeSeconds: e.DIRECTLINE_TOKEN_TTL_SECONDS,
    maxConversations: e.DIRECTLINE_MAX_CONVERSATIONS,
    maxActivitiesPerConversation: e.DIRECTLINE_MAX_ACTIVITIES,
    idleTimeoutSeconds: e.DIRECTLINE_IDLE_TIMEOUT_SECONDS,
    maxBytes: e.DIRECTLINE_MAX_MEMORY_MB * 1024 * 1024,
  };
}
