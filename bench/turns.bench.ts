/**
 * Turn throughput and latency through POST /api/messages (deliveryMode expectReplies) at 20 concurrent
 * clients, measured with autocannon against servers in child processes: a bare echo bot on the same
 * CloudAdapter + restify stack, the same echo bot saving one small state object per turn in SQLite
 * (the cost of durability alone), then the assistant as `npm start` runs it (the compiled build; question
 * turn, screening turn) with SQLite state (the default) and with Redis state (a throw-away redis-server
 * on a free loopback port). A small-talk turn ("thank you") with SQLite state is the assistant's runtime
 * without retrieval: state, dedupe, handoff memory, rendering and logs, the floor under a question turn.
 */
import { randomUUID } from 'node:crypto';
import autocannon, { type AutocannonRequest, type AutocannonResult } from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDist, npmStart, repo, startRedis, startServer, type ServerProcess } from './benchProcess';

/** Figures of one load run. */
export interface TurnFigures {
  scenario: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

/** Options of the turn benchmark. */
export interface TurnBenchOptions {
  /** Concurrent connections. Default 20. */
  connections: number;
  /** Seconds measured per scenario (after a warm-up of a fifth of it). Default 10. */
  seconds: number;
}

/** The question turn's message. */
export const question = 'How long does kyphoplasty take?';
/** The small-talk turn's message (no retrieval). */
export const smalltalk = 'thank you';

function activity(conversationId: string, text: string, value?: unknown): string {
  return JSON.stringify({
    type: 'message',
    id: randomUUID(),
    channelId: 'bench',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    conversation: { id: conversationId },
    from: { id: `user-${conversationId}`, name: 'Patient' },
    recipient: { id: 'spine-assistant', name: 'Spine Assistant' },
    text,
    ...(value === undefined ? {} : { value }),
  });
}

/** One conversation per connection, a new activity id each request. */
export const sameConversation = (text: string) => (request: AutocannonRequest, context: Record<string, unknown>): AutocannonRequest => {
  if (typeof context['conversation'] !== 'string') context['conversation'] = `bench-${randomUUID()}`;
  return { ...request, body: activity(String(context['conversation']), text) };
};
/** The screening's first turn in a new conversation each request. */
const startScreening = (request: AutocannonRequest): AutocannonRequest => ({
  ...request,
  body: activity(`bench-${randomUUID()}`, '', { action: 'start-screening' }),
});

/** One load run (after a warm-up of a fifth of its length) against a running server. */
export async function load(scenario: string, url: string, setup: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest, options: TurnBenchOptions): Promise<TurnFigures> {
  const run = (seconds: number): Promise<AutocannonResult> =>
    autocannon({
      url: `${url}/api/messages`,
      connections: options.connections,
      duration: seconds,
      timeout: 10,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ method: 'POST', setupRequest: setup }],
    });
  await run(Math.max(1, Math.round(options.seconds / 5)));
  const result = await run(options.seconds);
  return {
    scenario,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** The assistant's environment under load: no rate limits. */
export const assistantEnv = { LOG_LEVEL: 'info', RATE_LIMIT_CONVERSATION_PER_MINUTE: '0', RATE_LIMIT_CLIENT_PER_MINUTE: '0' };

async function withServer<T>(start: () => Promise<ServerProcess>, use: (server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await start();
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

/** The bare echo bot's process (`ECHO_STATE_DIR` in its env makes it the stateful echo). */
export const echoBot = { command: process.execPath, args: ['--import', 'tsx', join(repo, 'bench/echoBot.ts')], readyPath: '/readyz' };

/** Runs every scenario in turn; servers are started and stopped here. */
export async function benchTurns(options: TurnBenchOptions = { connections: 20, seconds: 10 }): Promise<TurnFigures[]> {
  const figures: TurnFigures[] = [];
  const echo = echoBot;
  figures.push(await withServer(() => startServer(echo), (server) => load('echo bot', server.url, sameConversation(question), options)));
  const stateDir = mkdtempSync(join(tmpdir(), 'bench-echo-state-'));
  try {
    const statefulEcho = { ...echo, env: { ECHO_STATE_DIR: stateDir } };
    figures.push(await withServer(() => startServer(statefulEcho), (server) => load('stateful echo (SQLite)', server.url, sameConversation(question), options)));
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
  await withServer(
    () => startServer({ ...npmStart, env: { ...assistantEnv, STATE_STORAGE: 'sqlite' } }),
    async (server) => {
      figures.push(await load('question (SQLite)', server.url, sameConversation(question), options));
      figures.push(await load('small talk (SQLite)', server.url, sameConversation(smalltalk), options));
      figures.push(await load('screening start (SQLite)', server.url, startScreening, options));
    },
  );
  const redis = await startRedis();
  try {
    await withServer(
      () => startServer({ ...npmStart, env: { ...assistantEnv, STATE_STORAGE: 'redis', REDIS_URL: redis.redisUrl } }),
      async (server) => {
        figures.push(await load('question (Redis)', server.url, sameConversation(question), options));
        figures.push(await load('screening start (Redis)', server.url, startScreening, options));
      },
    );
  } finally {
    await redis.stop();
  }
  figures.push(await withServer(() => startServer(echo), (server) => load('echo bot (again)', server.url, sameConversation(question), options)));
  return figures;
}

if (require.main === module) {
  buildDist();
  void benchTurns({ connections: 20, seconds: Number(process.env['BENCH_SECONDS'] ?? 10) }).then((figures) => console.table(figures));
}
