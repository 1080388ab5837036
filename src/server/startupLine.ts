/**
 * The one plain line `npm start` writes to standard error once it listens, for the person who started
 * it (the JSON logs on stdout are for machines): the chat page's address and whether the agent console
 * is on, or how to turn it on.
 */

/** What the line reports. */
export interface StartupLineFacts {
  /** The server's base URL, e.g. `http://127.0.0.1:3978`. */
  url: string;
  /** Path of the agent console's page (`/agent`). */
  agentConsolePath: string;
  /** Whether the agent console is on (AGENT_CONSOLE_TOKEN is set). */
  agentConsoleOn: boolean;
}

/** The line, without its newline. */
export function startupLine(facts: StartupLineFacts): string {
  const agentConsole = facts.agentConsoleOn
    ? `the agent console for staff is on at ${facts.url}${facts.agentConsolePath}`
    : `the agent console for staff is off (set AGENT_CONSOLE_TOKEN to a secret of at least 24 characters to turn it on at ${facts.agentConsolePath})`;
  return `Spine Assistant is running: open ${facts.url}/ for the chat page; ${agentConsole}.`;
}
