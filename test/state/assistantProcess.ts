/**
 * Runs the assistant's entry point as a real process on 127.0.0.1 with a free port, as an operator would:
 * settings from the environment only, logs captured from stdout and stderr. By default the sources
 * (tsx src/index.ts, as `npm run dev`), so a stale build never stands in for them; the built-output test
 * passes its own fresh build. Used by the restart, shutdown and built-output tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ReplyActivity } from '../server/assistantHarness';

const repo = path.resolve(__dirname, '../..');

/** A running assistant process. */
export interface AssistantProcess {
  url: string;
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first line of standard error that matches `pattern`, once it is written. */
  stderrLine(pattern: RegExp): Promise<string>;
  /** Posts an activity with expectReplies. */
  send(activity: Record<string, unknown>): Promise<{ status: number; activities: ReplyActivity[] }>;
  /** Sends `signal` (SIGKILL: to the whole process group) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the exit code once the process has exited (sends nothing). */
  exited(): Promise<number | null>;
}

/** What to run: node's arguments and the working directory. Default: tsx on src/index.ts in the repository. */
export interface AssistantEntry {
  args: string[];
  cwd: string;
}

const sources: AssistantEntry = { args: [path.join(repo, 'node_modules/tsx/dist/cli.mjs'), path.join(repo, 'src/index.ts')], cwd: repo };

/** Starts the process with `env` (plus PATH, PORT=0, HOST=127.0.0.1) and waits until it listens. */
export async function startAssistantProcess(env: Record<string, string>, entry: AssistantEntry = sources): Promise<AssistantProcess> {
  // Its own process group: tsx's CLI runs the server in a child process and passes SIGTERM on, but a
  // SIGKILL cannot be passed on, so a kill goes to the whole group or the server would outlive the test.
  const child = spawn(process.execPath, entry.args, {
    cwd: entry.cwd,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the assistant did not start:\n${output}`)), 60_000);
    const look = (): void => {
      const match = /"port":(\d+)[^\n]*"event":"server\.listening"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the assistant exited with ${code}:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    output: () => output,
    stderrLine: (pattern) =>
      new Promise<string>((resolve, reject) => {
        const look = (): boolean => {
          const line = stderr.split('\n').find((candidate) => pattern.test(candidate));
          if (line !== undefined) resolve(line);
          return line !== undefined;
        };
        if (look()) return;
        const onData = (): void => {
          if (look()) child.stderr?.off('data', onData);
        };
        child.stderr?.on('data', onData);
        void exited.then(() => reject(new Error(`the assistant exited before writing ${pattern}:\n${output}`)));
      }),
    send: async (activity) => {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deliveryMode: 'expectReplies', ...activity }),
      });
      const body = (await response.json()) as { activities?: ReplyActivity[] };
      return { status: response.status, activities: body.activities ?? [] };
    },
    exited: () => exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.pid !== undefined) {
        if (signal === 'SIGKILL') process.kill(-child.pid, signal);
        else child.kill(signal);
      }
      return exited;
    },
  };
}
