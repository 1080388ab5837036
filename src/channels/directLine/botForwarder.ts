/**
 * Delivers activities to the bot the way Azure's channel service does: an HTTP `POST` of the activity
 * JSON to the bot's messaging endpoint (here `/api/messages` of this same server, over loopback). The
 * call ends when the bot's turn has ended, so the bot's replies (posted to our serviceUrl during the turn)
 * are already in the conversation when it returns. Requests carry no Authorization header: the bot must
 * run without a Microsoft App ID to accept them (see docs/channels.md, "Web Chat and Direct Line").
 */
import type { ActivityFields } from './directLineStore';

/** How a delivery went. */
export type ForwardResult =
  | { ok: true; status: number }
  /** `rejected`: the bot answered 4xx/5xx; `unreachable`: no answer (refused, reset, timed out). */
  | { ok: false; reason: 'rejected' | 'unreachable'; status?: number; retryAfterSeconds?: number };

/** Sends one activity to the bot. */
export type BotForwarder = (activity: ActivityFields) => Promise<ForwardResult>;

/** Options of {@link createBotForwarder}. */
export interface BotForwarderOptions {
  /** The bot's messaging endpoint URL, asked for at each delivery (the server's port is known late). */
  endpoint: () => string;
  /** Give up waiting for the bot after this many milliseconds. > 0. Default 15000 (Azure's limit). */
  timeoutMs?: number;
}

/** Defaults of {@link BotForwarderOptions}. */
export const defaultBotForwarderOptions = { timeoutMs: 15_000 } as const;

/** Creates a forwarder that POSTs to `endpoint()` with `fetch`. */
export function createBotForwarder(options: BotForwarderOptions): BotForwarder {
  const timeoutMs = options.timeoutMs ?? defaultBotForwarderOptions.timeoutMs;
  return async (activity) => {
    try {
      const response = await fetch(options.endpoint(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Drain the body so the connection can be reused.
      await response.arrayBuffer();
      if (response.ok) return { ok: true, status: response.status };
      const retryAfter = Number(response.headers.get('retry-after'));
      return { ok: false, reason: 'rejected', status: response.status, ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
    } catch {
      return { ok: false, reason: 'unreachable' };
    }
  };
}
