/**
 * A tiny structured JSON logger: one JSON object per line, info and below to stdout, warnings and errors
 * to stderr. Callers pass only ids, counts and outcomes — never message text, quotes or answers.
 */
import type { BotLogger, LogFields } from '../bot/botLogger';

export { describeError, type LogFields } from '../bot/botLogger';

/** Severity of a log line, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The logging surface used across the server and bot. */
export interface Logger extends BotLogger {
  /** A logger that adds `fields` (e.g. `{ module: 'bot' }`) to every line. */
  child(fields: LogFields): Logger;
}

/** Where a logger writes one finished line. */
export type LogSink = (level: LogLevel, line: string) => void;

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Lines below this level are dropped. Default: `info`. */
  level?: LogLevel;
  /** Where lines go. Default: {@link defaultLogSink} (stdout/stderr). */
  sink?: LogSink;
  /** Fields added to every line. Default: none. */
  base?: LogFields;
}

const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Writes `info`/`debug` lines to stdout and `warn`/`error` lines to stderr. */
export const defaultLogSink: LogSink = (level, line) => {
  const stream = levelRank[level] >= levelRank.warn ? process.stderr : process.stdout;
  stream.write(`${line}\n`);
};

/** Defaults of {@link createLogger}. */
export const defaultLoggerOptions: Required<LoggerOptions> = { level: 'info', sink: defaultLogSink, base: {} };

/** Creates a JSON-lines logger. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { level, sink, base } = { ...defaultLoggerOptions, ...options };
  const minimum = levelRank[level];
  const write = (lineLevel: LogLevel, event: string, fields: LogFields = {}): void => {
    if (levelRank[lineLevel] < minimum) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: lineLevel, ...base, event, ...fields });
    sink(lineLevel, line);
  };
  return {
    debug: (event, fields) => write('debug', event, fields),
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
    child: (fields) => createLogger({ level, sink, base: { ...base, ...fields } }),
  };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = createLogger({ sink: () => undefined });
