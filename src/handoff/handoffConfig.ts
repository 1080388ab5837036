/**
 * Settings of the handoff and the agent console, read from environment variables and validated with zod.
 * Errors name the variable, never its value (the console token is a secret).
 */
import { z } from 'zod';
import { blankAsUnset, wholeNumberSetting, parseEnvSettings } from '../infra/envSettings';

/** How the bot signals a handoff to the channel. */
export const handoffSignals = ['event', 'omnichannel'] as const;

/** One handoff signal. */
export type HandoffSignal = (typeof handoffSignals)[number];


/** The environment variables of the handoff and the console. */
export const handoffEnvSchema = z.object({
  HANDOFF_SIGNAL: z.preprocess(blankAsUnset, z.enum(handoffSignals, { error: 'must be event or omnichannel' }).default('event')),
  HANDOFF_WAIT_TIMEOUT_MINUTES: wholeNumberSetting('a number of minutes', 1, 24 * 60, 30),
  HANDOFF_OFFER_AFTER_NO_ANSWERS: wholeNumberSetting('a number of no-answers in a row', 0, 10, 2),
  AGENT_CONSOLE_TOKEN: z.preprocess(
    blankAsUnset,
    z.string().trim().min(24, { error: 'must be at least 24 characters (a long random secret)' }).max(512, { error: 'must be at most 512 characters' }).optional(),
  ),
  AGENT_CONSOLE_SESSION_MINUTES: wholeNumberSetting('a number of minutes', 5, 24 * 60, 480),
  AGENT_CONSOLE_LOGINS_PER_MINUTE: wholeNumberSetting('a number of failed sign-ins per minute', 1, 100, 5),
  AGENT_CONSOLE_ADDRESS_LOGINS_PER_MINUTE: wholeNumberSetting('a number of failed sign-ins per minute', 1, 1000, 20),
  AGENT_CONSOLE_SECURE_COOKIE: z.preprocess(blankAsUnset, z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).default('true')),
});

/** The handoff's and the console's settings. */
export interface HandoffConfig {
  /** `event` (default): the standard `handoff.initiate` event only; `omnichannel`: also `channelData.tags` escalation on the patient's handoff message. */
  signal: HandoffSignal;
  /** How long a waiting conversation stays queued after the patient's last message, in ms (default 30 minutes). */
  waitTimeoutMs: number;
  /** No-answers in a row after which the bot offers a person; 0 = never (default 2). */
  offerAfterNoAnswers: number;
  /** The built-in agent console; undefined when `AGENT_CONSOLE_TOKEN` is not set (the console is off). */
  console?: AgentConsoleConfig;
}

/** Settings of the built-in agent console. */
export interface AgentConsoleConfig {
  /** The secret staff sign in with. There is no default. */
  token: string;
  /** How long a console session lasts after sign-in, in ms (default 8 hours). */
  sessionMs: number;
  /** Failed sign-ins per minute for one name from one client address (`AGENT_CONSOLE_LOGINS_PER_MINUTE`, default 5). */
  loginsPerMinute: number;
  /**
   * Failed sign-ins per minute from one client address over all names (`AGENT_CONSOLE_ADDRESS_LOGINS_PER_MINUTE`,
   * default 20; at least `loginsPerMinute`, which is used when it is set lower).
   */
  addressLoginsPerMinute: number;
  /** Whether the session cookie is `Secure` (default true; false only for plain http off loopback). */
  secureCookie: boolean;
}

/** A setting that does not validate. The message names the variables, never their values. */
export class HandoffConfigError extends Error {
  override readonly name = 'HandoffConfigError';
}

/** Reads and validates the settings; throws {@link HandoffConfigError}. */
export function loadHandoffConfig(env: NodeJS.ProcessEnv): HandoffConfig {
  const values = parseEnvSettings(handoffEnvSchema, env, { error: HandoffConfigError, heading: 'handoffConfig: invalid settings' });
  return {
    signal: values.HANDOFF_SIGNAL,
    waitTimeoutMs: values.HANDOFF_WAIT_TIMEOUT_MINUTES * 60_000,
    offerAfterNoAnswers: values.HANDOFF_OFFER_AFTER_NO_ANSWERS,
    console: values.AGENT_CONSOLE_TOKEN
      ? {
          token: values.AGENT_CONSOLE_TOKEN,
          sessionMs: values.AGENT_CONSOLE_SESSION_MINUTES * 60_000,
          loginsPerMinute: values.AGENT_CONSOLE_LOGINS_PER_MINUTE,
          addressLoginsPerMinute: Math.max(values.AGENT_CONSOLE_ADDRESS_LOGINS_PER_MINUTE, values.AGENT_CONSOLE_LOGINS_PER_MINUTE),
          secureCookie: values.AGENT_CONSOLE_SECURE_COOKIE === 'true' || values.AGENT_CONSOLE_SECURE_COOKIE === '1',
        }
      : undefined,
  };
}
