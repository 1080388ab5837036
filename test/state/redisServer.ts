/**
 * A real redis-server for tests: the one at `TEST_REDIS_URL` when set (.ci/run starts one), otherwise a
 * fresh one spawned on 127.0.0.1 with a free port, no persistence, stopped by `stop()`. Every test gets
 * its own key prefix, so tests sharing a server never see each other's keys.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A Redis server the tests may use. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  /** A new client (the caller closes it). */
  client(): Redis;
  /** A key prefix no other test uses. */
  uniquePrefix(): string;
  /** Stops the spawned server (does nothing for `TEST_REDIS_URL`). */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(url: string, process: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (process.exitCode !== null) throw new Error(`redis-server exited with code ${process.exitCode}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('redis-server did not answer PING');
}

/** Starts (or finds) the test Redis. Throws when neither `TEST_REDIS_URL` nor a `redis-server` binary is there. */
export async function startTestRedis(): Promise<TestRedis> {
  const shared = process.env['TEST_REDIS_URL'];
  let child: ChildProcess | undefined;
  let url: string;
  if (shared) {
    url = shared;
  } else {
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const spawnError = new Promise<never>((_resolve, reject) =>
      child?.once('error', (error) => reject(new Error(`cannot start redis-server (apt-get install redis-server): ${error.message}`))),
    );
    await Promise.race([waitForPing(url, child), spawnError]);
  }
  return {
    url,
    client: () => new Redis(url, { maxRetriesPerRequest: 1 }),
    uniquePrefix: () => `test:${randomUUID()}:`,
    stop: async () => {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
