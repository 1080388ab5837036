/**
 * Structured logs with pino: one JSON object per line (`time`, `level`, `event`, fields), info and below
 * to stdout, warnings and errors to stderr. Callers pass only ids, counts and outcomes — never message
 * text, quotes or answers. As a second line of defence, fields named like user text (`text`, `question`,
 * `answer`, `quoteText`, `screeningAnswers`, and `text` one level down) are replaced by "[redacted]";
 * only turn reports' `debugText`, present when DEBUG_LOG_MESSAGE_TEXT is on, carries a message.
 */
import pino from 'pino';
import type { BotLogger, LogFields } from '../bot/botLogger';

export { describeError, type LogFields } from '../bot/botLogger';

/** Severity of a log line, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The logging surface used across the server and bot. */
export interface Logger extends BotLogger {
  /** A logger that adds `fields` (e.g. `{ module: 'bot' }`) to every line. */
  child(fields: LogFields): Logger;
}

/** Where a logger writes one finished line (without its newline). */
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

const levels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Field paths never logged with their value. */
export const redactedLogPaths = ['text', 'question', 'answer', 'quoteText', 'screeningAnswers', '*.text', '*.question', '*.answer'];

/** Writes `info`/`debug` lines to stdout and `warn`/`error` lines to stderr. */
export const defaultLogSink: LogSink = (level, line) => {
  const stream = level === 'warn' || level === 'error' ? process.stderr : process.stdout;
  stream.write(`${line}\n`);
};

/** Defaults of {@link createLogger}. */
export const defaultLoggerOptions: Required<LoggerOptions> = { level: 'info', sink: defaultLogSink, base: {} };

/** Creates a JSON-lines logger. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { level, sink, base } = { ...defaultLoggerOptions, ...options };
  // One stream per level; with dedupe each line goes to the stream of its own level only.
  const streams = levels.map((streamLevel) => ({
    level: streamLevel,
    stream: { write: (line: string) => sink(streamLevel, line.endsWith('\n') ? line.slice(0, -1) : line) },
  }));
  const root = pino(
    {
      level,
      messageKey: 'event',
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactedLogPaths, censor: '[redacted]' },
    },
    pino.multistream(streams, { dedupe: true }),
  );
  return wrap(Object.keys(base).length > 0 ? root.child(base) : root);
}

function wrap(instance: pino.Logger): Logger {
  return {
    debug: (event, fields = {}) => instance.debug(fields, event),
    info: (event, fields = {}) => instance.info(fields, event),
    warn: (event, fields = {}) => instance.warn(fields, event),
    error: (event, fields = {}) => instance.error(fields, event),
    child: (fields) => wrap(instance.child(fields)),
  };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = createLogger({ sink: () => undefined });
