/**
 * Whether the compiled build is older than its sources. `npm start` runs `dist/` (built by `npm install`
 * or `npm run build`); after a pull or an edit of `src/` without a new build it would run the old code,
 * so the server says so at start-up (`npm run dev` runs the sources).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger';

/** The TypeScript files under `sourceDir` (relative paths) changed after `builtFile` was written. */
export function sourcesNewerThan(sourceDir: string, builtFile: string): string[] {
  if (!existsSync(sourceDir) || !existsSync(builtFile)) return [];
  const builtAt = statSync(builtFile).mtimeMs;
  return readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && statSync(path.join(sourceDir, file)).mtimeMs > builtAt,
  );
}

/**
 * When the running entry point is compiled (`entryFile` ends in .js, under dist/), warns if a source
 * under the repository's `src/` changed after it was built.
 */
export function warnIfStaleBuild(entryFile: string, logger: Logger): void {
  if (path.extname(entryFile) !== '.js') return;
  const changed = sourcesNewerThan(path.join(path.dirname(entryFile), '..', 'src'), entryFile);
  if (changed.length > 0) logger.warn('assistant.staleBuild', { changedSources: changed.length, hint: 'src/ changed after the last build: run npm run build (npm run dev runs the sources)' });
}
