/**
 * Vitest's global setup: a throw-away redis-server for the tests (the state tests and the Redis rate
 * limits use a real Redis). Started on a free 127.0.0.1 port without persistence, passed to the test
 * workers as `TEST_REDIS_URL`, stopped when the run ends. A `TEST_REDIS_URL` already set (a Redis of
 * your own) is used instead. redis-server comes from Debian (`npm test`'s pretest installs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './freePort';
async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function waitForPing(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`test setup: redis-server exited with code ${child.exitCode}`);
    if (await answersPing(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('test setup: redis-server did not answer PING');
}

/** Starts the test Redis (unless `TEST_REDIS_URL` is set) and returns its teardown. */
export default async function setup(): Promise<() => Promise<void>> {
  if (process.env['TEST_REDIS_URL']) return async () => undefined;
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const spawnError = new Promise<never>((_resolve, reject) =>
    child.once('error', () => reject(new Error("test setup: redis-server is missing: run 'sudo apt-get install -y redis-server' (npm test's pretest does it when it may)"))),
  );
  await Promise.race([waitForPing(url, child), spawnError]);
  // Workers are started after the global setup and inherit this environment.
  process.env['TEST_REDIS_URL'] = url;
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
}
