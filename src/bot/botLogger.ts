/**
 * The logging surface the bot needs, and a way to describe errors without their messages. The server
 * supplies the implementation (src/server/logger.ts). Log ids, counts and outcomes only — never message
 * text, quotes or answers.
 */

/** Values a log line may carry. Plain data only, so a line is always valid JSON. */
export type LogFields = Record<string, string | number | boolean | null | undefined | string[] | number[]>;

/** A structured logger: an event name and plain fields. */
export interface BotLogger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/**
 * Describes a thrown value for a log line without its message (a message may quote user input): the
 * error's class name, its code when it has one, and its stack frames (not the stack's first line, which
 * repeats the message).
 */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
    return { errorName: error.name, errorCode: code, errorStack: frames.slice(0, 8).map((line) => line.trim()) };
  }
  return { errorName: typeof error };
}
