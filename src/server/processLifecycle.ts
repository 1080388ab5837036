/**
 * The assistant as a process: the configuration from the environment (and ./.env), a warning when the
 * compiled build is older than its sources, a plain line on stderr saying what to open (or why it
 * cannot start), and a graceful stop on SIGTERM/SIGINT (a second signal forces the exit).
 */
import { existsSync } from 'node:fs';
import { loadConfig, type AppConfig } from './config';
import { createLogger, describeError, type Logger } from './logger';
import { warnIfStaleBuild } from './staleBuild';
import { startupLine } from './startupLine';

/** Reads the configuration from `process.env` (after ./.env when present); exits with a message naming each bad setting. */
function loadProcessConfig(): AppConfig {
  try {
    // Settings from ./.env when present; variables already set in the environment win.
    if (existsSync('.env')) process.loadEnvFile('.env');
    return loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`Spine Assistant cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

/** Logs a failed start and exits. Content and startup errors name their file or setting; they never contain user text. */
function exitOnStartFailure(logger: Logger, error: unknown): never {
  logger.error('assistant.startFailed', describeError(error));
  process.stderr.write(`Spine Assistant cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

/** What {@link runAsProcess} runs: a started assistant. */
export interface RunningAssistant {
  /** Where the chat page is. */
  url: string;
  /** Whether the agent console is served. */
  agentConsoleOn: boolean;
  /** Requests being answered now (logged when stopping). */
  inFlight(): number;
  /** Stops gracefully. */
  close(): Promise<void>;
}

/** On SIGINT or SIGTERM closes `running` and exits 0 (1 when closing fails or on a second signal). */
function stopOnSignals(running: RunningAssistant, logger: Logger): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      logger.warn('assistant.forcedExit', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('assistant.stopping', { signal, inFlight: running.inFlight() });
    running.close().then(
      () => {
        logger.info('assistant.stopped', { signal });
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('assistant.stopFailed', describeError(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Options of {@link runAsProcess}. */
export interface RunAsProcessOptions {
  /** Starts the assistant with the process's configuration. */
  start(config: AppConfig, logger: Logger): Promise<RunningAssistant>;
  /** The compiled entry point (its `__filename`), for the stale-build warning. */
  entryFile: string;
  /** The agent console's path, for the startup line. */
  agentConsolePath: string;
}

/** Reads the configuration, starts the assistant, says what to open, and stops on SIGTERM/SIGINT. */
export async function runAsProcess(options: RunAsProcessOptions): Promise<void> {
  const config = loadProcessConfig();
  const logger = createLogger({ level: config.logLevel });
  // `npm start` runs the compiled build (dist/index.js): say so when src/ changed after it was built.
  warnIfStaleBuild(options.entryFile, logger);
  const assistant = await options.start(config, logger).catch((error: unknown) => exitOnStartFailure(logger, error));
  // One plain line for the person who started it: what to open (the JSON logs are for machines).
  process.stderr.write(`${startupLine({ url: assistant.url, agentConsolePath: options.agentConsolePath, agentConsoleOn: assistant.agentConsoleOn })}\n`);
  stopOnSignals(assistant, logger);
}
