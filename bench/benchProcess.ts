/**
 * Process helpers of the benchmarks: free loopback ports, servers started as child processes (the
 * assistant, the echo bot, redis-server), readiness polling, resident memory of a process tree, and
 * percentiles. Everything stays on 127.0.0.1.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from '../test/freePort';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The repository root. */
export const repo = resolve(__dirname, '..');
/** A server running as a child process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 from `readyPath`. */
  readyMs: number;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and removes its temp directory. */
  stop(): Promise<void>;
}

/** What to start. */
export interface ServerCommand {
  /** Executable and arguments. */
  command: string;
  args: string[];
  /** Extra environment (PORT and HOST are set here). */
  env?: Record<string, string>;
  /** Path polled until it answers 200. Default `/readyz`. */
  readyPath?: string;
  /** Give up after this many ms. Default 60000. */
  timeoutMs?: number;
}

/** `npm start`'s command line: the compiled build (build it first with {@link buildDist}). */
export const npmStart = { command: process.execPath, args: [join(repo, 'dist/index.js')] };

/** `npm run dev`'s command line: tsx's CLI on the sources. */
export const npmRunDev = { command: process.execPath, args: [join(repo, 'node_modules/tsx/dist/cli.mjs'), join(repo, 'src/index.ts')] };

/** Builds dist/ from the sources as `npm run build` does, so a benchmark never measures a stale build. */
export function buildDist(): void {
  execFileSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', join(repo, 'tsconfig.build.json')], { cwd: repo, stdio: 'inherit' });
}

/** Starts a server on a free port and waits until `readyPath` answers 200. */
export async function startServer(spec: ServerCommand): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'spine-bench-'));
  const started = performance.now();
  // Its own process group, so that a SIGKILL reaches the server that tsx's CLI (npm run dev) runs as its child.
  const child = spawn(spec.command, spec.args, {
    cwd: repo,
    env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir, ...spec.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const killGroup = (): void => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + (spec.timeoutMs ?? 60_000);
  let readyMs = -1;
  while (readyMs < 0) {
    if (child.exitCode !== null) throw new Error(`${spec.args.join(' ')} exited with ${child.exitCode}:\n${stderr}`);
    if (performance.now() > deadline) {
      killGroup();
      throw new Error(`${spec.args.join(' ')} was not ready in time:\n${stderr}`);
    }
    const ok = await fetch(`${url}${spec.readyPath ?? '/readyz'}`).then((response) => response.status === 200, () => false);
    if (ok) readyMs = performance.now() - started;
    else await new Promise((done) => setTimeout(done, 10));
  }
  return {
    url,
    child,
    readyMs,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        const timer = setTimeout(killGroup, 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts a throw-away redis-server on a free loopback port (no persistence). */
export async function startRedis(): Promise<ServerProcess & { redisUrl: string }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const started = performance.now();
  const { Redis } = await import('ioredis');
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    if (performance.now() - started > 10_000) throw new Error('redis-server did not answer PING');
    const client = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    const up = await client.connect().then(() => client.ping(), () => 'no').then((pong) => pong === 'PONG', () => false);
    client.disconnect();
    if (up) break;
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    redisUrl: `redis://127.0.0.1:${port}`,
    child,
    readyMs: performance.now() - started,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(match?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Resident memory in MB of a process and, separately, of it with all its descendants (Linux /proc). */
export function residentMemory(pid: number): { processMb: number; treeMb: number; largestMb: number } {
  const all: number[] = [];
  const visit = (id: number): void => {
    all.push(id);
    children(id).forEach(visit);
  };
  visit(pid);
  const sizes = all.map(rssKb);
  return { processMb: rssKb(pid) / 1024, treeMb: sizes.reduce((a, b) => a + b, 0) / 1024, largestMb: Math.max(...sizes) / 1024 };
}

/** The p-th percentile (0–100) of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Times `run` on every item, round after round, each call on its own: the latencies in ms, sorted. */
export function timeEach<T>(items: readonly T[], rounds: number, run: (item: T) => unknown): number[] {
  const latencies: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const item of items) {
      const begin = performance.now();
      run(item);
      latencies.push(performance.now() - begin);
    }
  }
  return latencies.sort((a, b) => a - b);
}

/** Whether a vitest run was going on (the machine was not quiet). */
export function othersRunning(): boolean {
  try {
    return execFileSync('pgrep', ['-f', 'vitest'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}
