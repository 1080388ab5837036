/**
 * A tiny structured JSON logger: one JSON object per line, info and below to stdout, warnings and errors
 * to stderr. Callers pass only ids, counts and outcomes — never message text, quotes or answers.
 */

/** Severity of a log line, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Values a log line may carry. Plain data only, so a line is always valid JSON. */
export type LogFields = Record<string, string | number | boolean | null | undefined | string[] | number[]>;

/** The logging surface used across the server and bot. */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
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

/**
 * Describes an unknown thrown value for a log line without its message (a message may quote user
 * input): the error's class name, its code when it has one, and the stack frames (not the first stack
 * line, which repeats the message).
 */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
    return { errorName: error.name, errorCode: code, errorStack: frames.slice(0, 8).map((line) => line.trim()) };
  }
  return { errorName: typeof error };
}
