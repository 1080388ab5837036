/**
 * The channels' settings and wording, read before anything expensive is built so a bad variable or
 * wording file stops the start at once: the web channel (built-in Direct Line or the Azure token
 * exchange, and the Web Chat page), Teams (TEAMS_*, `dialogs/teamsWording.json`) and the handoff with
 * its agent console (HANDOFF_*, AGENT_CONSOLE_*, `dialogs/handoffWording.json`, `agentConsoleWording.json`).
 */
import { defaultDialogsDir } from '../bot/botWording';
import { loadAgentConsoleWording, type AgentConsoleWording } from './agentConsole/agentConsoleWording';
import { loadHandoffConfig, type HandoffConfig } from '../handoff/handoffConfig';
import { loadHandoffWording, type HandoffWording } from '../handoff/handoffWording';
import type { ChannelRegistration } from '../server/createServer';
import { loadTeamsConfig, type TeamsConfig } from './teams/teamsConfig';
import { loadTeamsWording, type TeamsWording } from './teams/teamsWording';
import { createWebChannels, type WebChannelsOptions } from './webChat/webChannels';

/** Options of {@link loadChannelSettings}. */
export interface ChannelSettingsOptions {
  /** Environment the settings are read from (DIRECTLINE_*, WEBCHAT_*, TEAMS_*, HANDOFF_*, AGENT_CONSOLE_*, CLINIC_NAME). */
  env: NodeJS.ProcessEnv;
  /** The dialogs folder. Default: the repository's `dialogs/`. */
  dialogsDir?: string;
  /** Channel routes to use instead of the web channel from `env`. */
  registerChannels?: ChannelRegistration[];
  /** Teams settings to use instead of those in `env`. */
  teams?: TeamsConfig;
  /** Handoff settings to use instead of those in `env`. */
  handoff?: HandoffConfig;
  /** Options of the web channel (its Direct Line store, the forget-me hook). */
  web: WebChannelsOptions;
}

/** The validated settings. */
export interface ChannelSettings {
  /** The web channel's routes (or `options.registerChannels`). */
  registerChannels: ChannelRegistration[];
  teams: { config: TeamsConfig; wording: TeamsWording };
  handoff: { config: HandoffConfig; wording: HandoffWording };
  /** The agent console's page wording (`dialogs/agentConsoleWording.json`). */
  agentConsoleWording: AgentConsoleWording;
}

/** Reads and validates every channel's settings; throws the error of the first loader that fails. */
export function loadChannelSettings(options: ChannelSettingsOptions): ChannelSettings {
  const { env, dialogsDir } = options;
  return {
    registerChannels: options.registerChannels ?? createWebChannels(env, { ...options.web, ...(dialogsDir ? { dialogsDir } : {}) }),
    teams: { config: options.teams ?? loadTeamsConfig(env), wording: loadTeamsWording(dialogsDir) },
    handoff: { config: options.handoff ?? loadHandoffConfig(env), wording: loadHandoffWording(dialogsDir ?? defaultDialogsDir) },
    agentConsoleWording: loadAgentConsoleWording(dialogsDir ?? defaultDialogsDir),
  };
}
