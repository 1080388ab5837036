/**
 * Staff sign-in for the agent console: the token from configuration (compared in constant time; there
 * is no default), sessions kept in the bot's storage (so every instance knows them) that expire after
 * the configured time, and an HttpOnly, SameSite=Strict cookie that carries only a random session id.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { StateStorage } from '../../infra/storage/stateStorage';

/** The session cookie's name. */
export const agentSessionCookie = 'spine_agent';

/** A signed-in staff member. */
export interface AgentSession {
  /** Display name given at sign-in. */
  name: string;
  /** Hash of the session id (handoffs taken in this session carry it). */
  session: string;
  /** When the session ends, ms since the epoch. */
  expiresAt: number;
}

/** Options of {@link AgentSessions}. */
export interface AgentSessionsOptions {
  storage: StateStorage;
  /** The sign-in token (AGENT_CONSOLE_TOKEN). */
  token: string;
  /** Session length in ms. */
  sessionMs: number;
  /** Whether the cookie is `Secure`. */
  secureCookie: boolean;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

const storedSessionSchema = z.object({ name: z.string(), expiresAt: z.number() });
const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
const keyOf = (sessionHash: string): string => `spineAssistant/agentSession/${sessionHash}`;

/** Signs staff in and out and recognises their sessions. */
export class AgentSessions {
  private readonly tokenDigest: Buffer;
  private readonly now: () => number;

  constructor(private readonly options: AgentSessionsOptions) {
    this.tokenDigest = digest(options.token);
    this.now = options.now ?? Date.now;
  }

  /** Whether `token` is the configured token (constant time). */
  checkToken(token: string): boolean {
    return timingSafeEqual(digest(token), this.tokenDigest);
  }

  /** Starts a session; returns the `Set-Cookie` value. */
  async start(name: string): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + this.options.sessionMs;
    await this.options.storage.write({ [keyOf(hashOf(id))]: { name, expiresAt } });
    return this.cookie(id, Math.floor(this.options.sessionMs / 1000));
  }

  /** The session a request's cookie names, if it is live. */
  async find(cookieHeader: string | undefined): Promise<AgentSession | undefined> {
    const id = readCookie(cookieHeader, agentSessionCookie);
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const session = hashOf(id);
    const parsed = storedSessionSchema.safeParse((await this.options.storage.read([keyOf(session)]))[keyOf(session)]);
    if (!parsed.success || parsed.data.expiresAt <= this.now()) return undefined;
    return { name: parsed.data.name, session, expiresAt: parsed.data.expiresAt };
  }

  /** Ends a session; returns the `Set-Cookie` value that clears the cookie. */
  async end(session: AgentSession | undefined): Promise<string> {
    if (session) await this.options.storage.delete([keyOf(session.session)]);
    return this.cookie('', 0);
  }

  private cookie(value: string, maxAgeSeconds: number): string {
    return [`${agentSessionCookie}=${value}`, 'Path=/agent', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(this.options.secureCookie ? ['Secure'] : [])].join('; ');
  }
}

function hashOf(id: string): string {
  return createHash('sha256').update(`agent-session\n${id}`).digest('hex').slice(0, 40);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
