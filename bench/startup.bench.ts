/**
 * Start-up: from spawning a start command (`npm start`'s: node on the compiled build dist/index.js; or
 * `npm run dev`'s: tsx's CLI on src/index.ts), SQLite state in a temp folder, to the first 200 from
 * /readyz, and the resident memory of the idle bot two seconds later (the server process, and the whole
 * process tree — with tsx, its parent process too).
 */
import { buildDist, npmRunDev, npmStart, percentile, residentMemory, startServer, type ServerCommand } from './benchProcess';

/** Start-up figures. */
export interface StartupFigures {
  /** Which command: `npm start` or `npm run dev`. */
  command: string;
  runs: number;
  readyMsMedian: number;
  readyMsMax: number;
  idleServerRssMb: number;
  idleTreeRssMb: number;
}

/** The start commands measured. */
export const startCommands: ReadonlyArray<[string, Pick<ServerCommand, 'command' | 'args'>]> = [
  ['npm start', npmStart],
  ['npm run dev', npmRunDev],
];

/** Starts the bot with `start` `runs` times, one after another. */
export async function benchStartup(name: string, start: Pick<ServerCommand, 'command' | 'args'>, runs = 3): Promise<StartupFigures> {
  const ready: number[] = [];
  let server = 0;
  let tree = 0;
  for (let run = 0; run < runs; run += 1) {
    const bot = await startServer({ ...start, env: { LOG_LEVEL: 'warn' } });
    ready.push(bot.readyMs);
    await new Promise((done) => setTimeout(done, 2000));
    const memory = residentMemory(bot.child.pid ?? 0);
    server = Math.max(server, memory.largestMb);
    tree = Math.max(tree, memory.treeMb);
    await bot.stop();
  }
  ready.sort((a, b) => a - b);
  return { command: name, runs, readyMsMedian: percentile(ready, 50), readyMsMax: ready[ready.length - 1] ?? 0, idleServerRssMb: server, idleTreeRssMb: tree };
}

if (require.main === module) {
  buildDist();
  void (async () => {
    for (const [name, start] of startCommands) console.log(await benchStartup(name, start));
  })();
}
