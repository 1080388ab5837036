/**
 * The logging surface the web channel needs (the server's logger fits it). Lines carry ids, counts,
 * statuses and outcomes only — never message text.
 */

/** Values a channel log line may carry. */
export type ChannelLogFields = Record<string, string | number | boolean | null | undefined>;

/** Structured logger used by the Direct Line and Web Chat routes. */
export interface ChannelLogger {
  info(event: string, fields?: ChannelLogFields): void;
  warn(event: string, fields?: ChannelLogFields): void;
  error(event: string, fields?: ChannelLogFields): void;
}
