/** The options and the result of `startSpineAssistant` (src/index.ts), the composition root. */
import type { AnswerEngine } from './core/answer/answerEngine';
import type { BotWording } from './bot/botWording';
import type { FeedbackRecorder } from './bot/feedbackRecorder';
import type { StateStorage } from './infra/storage/stateStorage';
import type { TeamsConfig } from './channels/teams/teamsConfig';
import type { HandoffConfig } from './handoff/handoffConfig';
import type { AppConfig } from './server/config';
import type { ChannelRegistration, RunningServer } from './server/createServer';
import type { Logger } from './server/logger';
import type { ServerMetrics } from './server/metrics';

/** Options of `startSpineAssistant`. Everything but `config` has a production default. */
export interface StartSpineAssistantOptions {
  /** Validated configuration (see `loadConfig`). */
  config: AppConfig;
  /** Logger. Default: JSON lines to stdout/stderr at `config.logLevel`. */
  logger?: Logger;
  /** The answer engine. Default: `loadAnswerEngine` over `config.knowledgeDir` / `config.dialogsDir`. */
  engine?: AnswerEngine;
  /** The bot's wording. Default: `dialogs/botWording.json` (from `config.dialogsDir`). */
  wording?: BotWording;
  /** Where feedback goes. Default: in memory. */
  feedbackRecorder?: FeedbackRecorder;
  /** Channel routes. Default: the web channel (built-in Direct Line or Azure token exchange, and the Web Chat page). */
  registerChannels?: ChannelRegistration[];
  /** Environment the default channels read their settings from (DIRECTLINE_*, WEBCHAT_*, CLINIC_NAME). Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** State storage. Default: `config.state` (SQLite in the data directory, Redis, or memory). Closed by `close()`. */
  storage?: StateStorage;
  /** Most runs of a turn that keeps losing eTag races before the user is asked to resend. Default 3. */
  maxTurnAttempts?: number;
  /** Teams settings (staff, message size). Default: read from `env` (TEAMS_*). */
  teams?: TeamsConfig;
  /** Handoff and agent console settings. Default: read from `env` (HANDOFF_*, AGENT_CONSOLE_*). */
  handoff?: HandoffConfig;
  /** The handoff's clock, ms since the epoch (waiting times, console sessions). Default `Date.now`. */
  handoffNow?: () => number;
}

/** A running assistant. */
export interface SpineAssistant extends RunningServer {
  /** The feedback recorder in use. */
  feedbackRecorder: FeedbackRecorder;
  /** The state storage in use. */
  storage: StateStorage;
  /** The server's metrics (also on GET /metrics). */
  metrics: ServerMetrics;
  /** Whether the built-in agent console is served (AGENT_CONSOLE_TOKEN is set). */
  agentConsoleOn: boolean;
}
