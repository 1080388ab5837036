/**
 * The built-in agent console as a server registration: `GET /agent` (the staff page, with the same
 * security headers and a strict Content-Security-Policy like the Web Chat page: scripts and styles only
 * from this server, no inline code), its script and stylesheet, and the JSON API (agentConsoleApi.ts).
 * Without `AGENT_CONSOLE_TOKEN` there is no console: `agentConsoleChannels` says so in the log.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as restify from 'restify';
import type { HandoffDesk } from '../../bot/handoff/handoffDesk';
import type { StateStorage } from '../../infra/storage/stateStorage';
import type { AgentConsoleConfig } from '../../handoff/handoffConfig';
import type { HandoffWording } from '../../handoff/handoffWording';
import type { ChannelRegistration } from '../../server/createServer';
import { newNonce, pageSecurityHeaders } from '../webChat/pageSecurityHeaders';
import { loadStaticAsset } from '../webChat/staticAsset';
import { registerAgentConsoleApi } from './agentConsoleApi';
import { LoginThrottle } from './loginThrottle';
import { AgentSessions } from './agentSessions';
import { loadAgentConsoleWording, scriptWordingJson, type AgentConsoleWording } from './agentConsoleWording';

/** Paths of the console's page and files. */
export const agentConsolePaths = { page: '/agent', script: '/agent/agentConsole.js', style: '/agent/agentConsole.css' } as const;

/** Options of {@link createAgentConsole}. */
export interface AgentConsoleOptions {
  config: AgentConsoleConfig;
  desk: HandoffDesk;
  /** The bot's storage (sessions live there). */
  storage: StateStorage;
  wording: HandoffWording;
  /** The clinic's name, in the page's title. */
  clinicName: string;
  /** What the page shows staff. Default: the repository's `dialogs/agentConsoleWording.json`. */
  consoleWording?: AgentConsoleWording;
  /** Reverse proxies whose X-Forwarded-For is trusted (login limits per address). Default 0. */
  trustProxyHops?: number;
  /** The clock, ms since the epoch (sessions, waiting times). Default `Date.now`. */
  now?: () => number;
}

/** Creates the registration. Reads the page files now. */
export function createAgentConsole(options: AgentConsoleOptions): ChannelRegistration {
  // From the package root, so the compiled build (dist/, only JavaScript) serves the same files as the sources.
  const pageDir = path.resolve(__dirname, '../../../src/channels/agentConsole/page');
  const template = readFileSync(path.join(pageDir, 'agent.html'), 'utf8');
  const script = loadStaticAsset({ file: path.join(pageDir, 'agentConsole.js'), contentType: 'text/javascript; charset=utf-8' });
  const style = loadStaticAsset({ file: path.join(pageDir, 'agentConsole.css'), contentType: 'text/css; charset=utf-8' });
  const now = options.now ?? Date.now;
  const consoleWording = options.consoleWording ?? loadAgentConsoleWording();
  const html = template
    .replace('{{title}}', escapeHtml(consoleWording.title.split('{clinicName}').join(options.clinicName)))
    .replace('{{wording}}', scriptWordingJson(consoleWording))
    .replace('{{scriptUrl}}', `${agentConsolePaths.script}?v=${script.version}`)
    .replace('{{styleUrl}}', `${agentConsolePaths.style}?v=${style.version}`);
  const body = Buffer.from(html, 'utf8');
  const sessions = new AgentSessions({ storage: options.storage, token: options.config.token, sessionMs: options.config.sessionMs, secureCookie: options.config.secureCookie, now });

  return (server, context) => {
    server.get(agentConsolePaths.page, async (_req: restify.Request, res: restify.Response) => {
      res.writeHead(200, {
        ...pageSecurityHeaders({ styleNonce: newNonce(), connectOrigins: [], frameAncestors: [] }),
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': String(body.length),
      });
      res.end(body);
    });
    server.get(agentConsolePaths.script, async (req: restify.Request, res: restify.Response) => script.serve(req, res));
    server.get(agentConsolePaths.style, async (req: restify.Request, res: restify.Response) => style.serve(req, res));
    registerAgentConsoleApi(server, {
      desk: options.desk,
      sessions,
      wording: options.wording,
      loginThrottle: new LoginThrottle({ failuresPerName: options.config.loginsPerMinute, failuresPerAddress: options.config.addressLoginsPerMinute, now }),
      trustProxyHops: options.trustProxyHops ?? 0,
      logger: context.logger,
      now,
    });
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
