/**
 * Settings of the Web Chat page, read from environment variables and validated with zod: what the page
 * says (clinic name, disclaimer; by default the wording of `dialogs/webChatWording.json`), its language,
 * and which sites may embed it in a frame.
 */
import { z } from 'zod';
import { blankAsUnset, parseEnvSettings } from '../../infra/envSettings';
import { loadWebChatWording, pageLine, type WebChatWording } from './webChatWording';

/** A `frame-ancestors` source: `'self'`, or an https origin such as `https://www.example-clinic.org`. */
const frameAncestorSource = z
  .string()
  .refine(
    (value) => value === "'self'" || /^https:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i.test(value),
    "each entry must be 'self' or an https origin like https://www.example-clinic.org",
  );

/** The environment variables of the page settings. */
export const webChatEnvSchema = z.object({
  CLINIC_NAME: z.preprocess(blankAsUnset, pageLine(80).optional()),
  WEBCHAT_DISCLAIMER: z.preprocess(blankAsUnset, pageLine(500).optional()),
  WEBCHAT_LOCALE: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a language tag like en-US' })
      .default('en-US'),
  ),
  WEBCHAT_FRAME_ANCESTORS: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .transform((value) => value.split(/\s+/))
      .pipe(z.array(frameAncestorSource).max(10, { error: 'must list at most 10 sources' }))
      .optional(),
  ),
});

/** The page settings. */
export interface WebChatPageConfig {
  /** Shown as the page heading and in the title (`CLINIC_NAME`, default `clinicName` of `dialogs/webChatWording.json`). */
  clinicName: string;
  /** Shown under the heading (`WEBCHAT_DISCLAIMER`, default `disclaimer` of `dialogs/webChatWording.json`). */
  disclaimer: string;
  /** Page language and Web Chat's locale (`WEBCHAT_LOCALE`, default `en-US`). */
  locale: string;
  /**
   * Who may show the page in a frame (`WEBCHAT_FRAME_ANCESTORS`, space-separated `'self'` or https
   * origins). Default: nobody (`frame-ancestors 'none'`).
   */
  frameAncestors: string[];
}

/** A page setting that cannot be used; the message lists every problem. */
export class WebChatConfigError extends Error {
  override readonly name = 'WebChatConfigError';
}

/**
 * Reads and validates the page settings from `env` (normally `process.env`); `wording` gives the clinic
 * name and disclaimer where the environment does not (default: the repository's `dialogs/webChatWording.json`).
 */
export function loadWebChatPageConfig(env: NodeJS.ProcessEnv, wording: WebChatWording = loadWebChatWording()): WebChatPageConfig {
  const e = parseEnvSettings(webChatEnvSchema, env, { error: WebChatConfigError, heading: 'webChatConfig: invalid settings' });
  return {
    clinicName: e.CLINIC_NAME ?? wording.clinicName,
    disclaimer: e.WEBCHAT_DISCLAIMER ?? wording.disclaimer,
    locale: e.WEBCHAT_LOCALE,
    frameAncestors: e.WEBCHAT_FRAME_ANCESTORS ?? [],
  };
}
