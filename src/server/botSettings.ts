/** The bot runtime's settings that come from the configuration (the rest is wired in src/index.ts). */
import type { BotRuntimeOptions } from '../bot/createBotRuntime';
import type { AppConfig } from './config';

/** The settings of {@link BotRuntimeOptions} read from `config`. */
export type BotSettings = Pick<BotRuntimeOptions, 'auth' | 'signingKeys' | 'dialogsDir' | 'retentionMs' | 'dedupeTtlMs' | 'logMessageText'>;

/** Maps the configuration to the bot runtime's settings: authentication, signing keys, state lifetimes, debug logging. */
export function botSettings(config: AppConfig): BotSettings {
  return {
    auth: config.botAuth,
    signingKeys: { timeoutMs: config.security.signingKeysTimeoutMs },
    dialogsDir: config.dialogsDir,
    retentionMs: config.state.retentionMs,
    dedupeTtlMs: config.state.dedupeTtlMs,
    logMessageText: config.operations.logMessageText,
  };
}
