/**
 * Start-up: from spawning `npm start`'s command (node with tsx's CLI on src/index.ts, SQLite state in a
 * temp folder) to the first 200 from /readyz, and the resident memory of the idle bot two seconds later
 * (the server process, and the whole tree with tsx's parent process).
 */
import { percentile, startServer, tsxStart } from './benchProcess';
import { residentMemory } from './benchProcess';

/** Start-up figures. */
export interface StartupFigures {
  runs: number;
  readyMsMedian: number;
  readyMsMax: number;
  idleServerRssMb: number;
  idleTreeRssMb: number;
}

/** Starts the bot `runs` times, one after another. */
export async function benchStartup(runs = 3): Promise<StartupFigures> {
  const ready: number[] = [];
  let server = 0;
  let tree = 0;
  for (let run = 0; run < runs; run += 1) {
    const bot = await startServer({ ...tsxStart, env: { LOG_LEVEL: 'warn' } });
    ready.push(bot.readyMs);
    await new Promise((done) => setTimeout(done, 2000));
    const memory = residentMemory(bot.child.pid ?? 0);
    server = Math.max(server, memory.largestMb);
    tree = Math.max(tree, memory.treeMb);
    await bot.stop();
  }
  ready.sort((a, b) => a - b);
  return { runs, readyMsMedian: percentile(ready, 50), readyMsMax: ready[ready.length - 1] ?? 0, idleServerRssMb: server, idleTreeRssMb: tree };
}

if (require.main === module) {
  void benchStartup().then((figures) => console.log(figures));
}
