/**
 * `npm run bench -- --profile`: where a turn's CPU goes. The bare echo bot, the stateful echo and the
 * assistant (`npm start`'s build, SQLite state, under the question load and then, in a new process, the
 * small-talk load) each run with V8's CPU profiler; each profile's self time is grouped into stages by the code it ran in (our folders
 * under dist/, each package, Node's internals, garbage collection) and divided by the turns served.
 * The profiles stay in bench/results/profiles/ for Chrome DevTools.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npmStart, repo, startServer, type ServerCommand } from './benchProcess';
import { assistantEnv, echoBot, load, question, sameConversation, smalltalk, type TurnBenchOptions } from './turns.bench';

/** CPU per turn in one stage of one scenario. */
export interface ProfileStage {
  scenario: string;
  stage: string;
  microsecondsPerTurn: number;
  share: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const packageStages: ReadonlyArray<[RegExp, string]> = [
  [/^(botbuilder|botframework|@azure)/, 'botbuilder'],
  [/^(restify|find-my-way|formidable|send|negotiator|csv|spdy)/, 'restify'],
];

/** The stage a frame's code belongs to. */
function stageOf(frame: ProfileNode['callFrame']): string | undefined {
  const { url, functionName } = frame;
  if (functionName === '(idle)') return undefined;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (url === '') return functionName === '(program)' ? 'V8 and native code' : 'native code';
  if (url.startsWith('node:')) return 'Node (http, streams, timers)';
  if (url.includes('/bench/echoBot')) return 'echo bot';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return packageStages.find(([pattern]) => pattern.test(pkg))?.[1] ?? pkg;
  // dist/ in the assistant's build; src/ where tsx runs it (the stateful echo's storage).
  const ours = /\/(?:dist|src)\/([^/]+(?:\/[^/.]+)?)/.exec(url)?.[1];
  if (ours) return `ours: ${ours.replace(/\/[^/]+\.[jt]s$/, '')}`;
  return 'other';
}

/** Stages under this share of a scenario's CPU are summed into one row. */
const smallStageShare = 0.01;

/**
 * Self time per stage in a profile, in microseconds, from the first sample inside the code that handles
 * a request (`handlerUrl`: the message route, or the echo bot) on (start-up is not a turn's cost).
 */
function stageTimes(profile: CpuProfile, handlerUrl: string): Map<string, number> {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inRoute = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (nodes.get(at)?.callFrame.url.includes(handlerUrl)) return true;
    }
    return false;
  };
  const first = profile.samples.findIndex(inRoute);
  const times = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (first < 0 || i < first) return;
    const node = nodes.get(id);
    const stage = node ? stageOf(node.callFrame) : undefined;
    if (stage) times.set(stage, (times.get(stage) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return times;
}

/**
 * Profiles the bare echo bot, the stateful echo and the assistant's question and small-talk turns; the
 * stages of each, most expensive first (the echo bots show which stages are the stack's own).
 */
export async function profileTurns(options: TurnBenchOptions): Promise<ProfileStage[]> {
  const dir = join(repo, 'bench', 'results', 'profiles');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const stages: ProfileStage[] = [];
  const echoStateDir = mkdtempSync(join(tmpdir(), 'bench-profile-echo-'));
  const assistant = { ...npmStart, env: { ...assistantEnv, STATE_STORAGE: 'sqlite' } };
  const scenarios: ReadonlyArray<[string, ServerCommand, string, string]> = [
    ['echo bot', echoBot, question, '/bench/echoBot'],
    ['stateful echo', { ...echoBot, env: { ECHO_STATE_DIR: echoStateDir } }, question, '/bench/echoBot'],
    ['question', assistant, question, '/dist/server/messagesRoute'],
    ['small talk', assistant, smalltalk, '/dist/server/messagesRoute'],
  ];
  for (const [scenario, command, text, handlerUrl] of scenarios) {
    const before = new Set(readdirSync(dir));
    const server = await startServer({ ...command, args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...command.args] });
    let turns = 0;
    try {
      const figures = await load(scenario, server.url, sameConversation(text), options);
      // The warm-up run served a fifth as many again.
      turns = Math.round(figures.requests * (1 + Math.max(1, Math.round(options.seconds / 5)) / options.seconds));
    } finally {
      await server.stop();
    }
    // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: the main thread's (0), not a loader worker's (tsx).
    const file = readdirSync(dir).find((name) => !before.has(name) && /\.0\.\d+\.cpuprofile$/.test(name));
    if (!file) throw new Error(`profileTurns: no CPU profile written for ${scenario}`);
    const times = stageTimes(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, handlerUrl);
    const total = [...times.values()].reduce((sum, value) => sum + value, 0);
    const row = (stage: string, micros: number): ProfileStage => ({
      scenario,
      stage,
      microsecondsPerTurn: Math.round((micros / Math.max(1, turns)) * 10) / 10,
      share: Math.round((micros / total) * 1000) / 10,
    });
    let small = 0;
    for (const [stage, micros] of [...times].sort((a, b) => b[1] - a[1])) {
      if (micros < smallStageShare * total) small += micros;
      else stages.push(row(stage, micros));
    }
    stages.push(row(`others (each under ${smallStageShare * 100}%)`, small));
    stages.push(row('total', total));
  }
  rmSync(echoStateDir, { recursive: true, force: true });
  return stages;
}
