/**
 * The built-in agent console when it is configured: only with a token from configuration
 * (AGENT_CONSOLE_TOKEN; there is no default password) and a bot with a handoff desk.
 */
import type { HandoffDesk } from '../../bot/handoff/handoffDesk';
import type { HandoffConfig } from '../../handoff/handoffConfig';
import type { ChannelRegistration } from '../../server/createServer';
import type { Logger } from '../../server/logger';
import { createAgentConsole, type AgentConsoleOptions } from './agentConsoleChannel';

/** Options of {@link agentConsoleChannels}: the console's, with the handoff's settings and wording in place of its own and the desk optional. */
export interface AgentConsoleChannelsOptions extends Omit<AgentConsoleOptions, 'config' | 'desk' | 'wording'> {
  /** The handoff's settings (the console's among them, unset without AGENT_CONSOLE_TOKEN) and wording. */
  handoff: { config: HandoffConfig; wording: AgentConsoleOptions['wording'] };
  /** The bot's handoff desk; unset when the bot has no handoff. */
  desk?: HandoffDesk;
  /** Where the console says it is off and how to turn it on. */
  logger: Logger;
}

/** The console's registration, or none (logging how to turn it on) when it is not configured. */
export function agentConsoleChannels(options: AgentConsoleChannelsOptions): ChannelRegistration[] {
  const { handoff, desk, logger, ...consoleOptions } = options;
  const config = handoff.config.console;
  if (config && desk) return [createAgentConsole({ ...consoleOptions, config, desk, wording: handoff.wording })];
  logger.info('agentConsole.disabled', { hint: 'set AGENT_CONSOLE_TOKEN (a long random secret) to serve the agent console at /agent' });
  return [];
}
