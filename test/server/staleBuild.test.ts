/**
 * The stale-build check of `npm start`: TypeScript sources changed after the build's entry file was
 * written are reported; older ones, other files and missing folders are not. Times are set explicitly.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourcesNewerThan } from '../../src/server/staleBuild';

const scratch = mkdtempSync(path.join(tmpdir(), 'spine-stale-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const builtAt = new Date('2026-01-02T03:04:05Z');
const at = (offsetSeconds: number): Date => new Date(builtAt.getTime() + offsetSeconds * 1000);

function file(relative: string, time: Date): void {
  const full = path.join(scratch, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, '');
  utimesSync(full, time, time);
}

describe('sourcesNewerThan', () => {
  it('lists the TypeScript sources changed after the build, in subfolders too', () => {
    file('dist/index.js', builtAt);
    file('src/index.ts', at(-60));
    file('src/bot/changed.ts', at(60));
    file('src/channels/page/index.html', at(60));
    expect(sourcesNewerThan(path.join(scratch, 'src'), path.join(scratch, 'dist/index.js'))).toEqual([path.join('bot', 'changed.ts')]);
  });

  it('finds nothing when the build is newer, or when either side is missing', () => {
    file('fresh/dist/index.js', builtAt);
    file('fresh/src/index.ts', at(-1));
    expect(sourcesNewerThan(path.join(scratch, 'fresh/src'), path.join(scratch, 'fresh/dist/index.js'))).toEqual([]);
    expect(sourcesNewerThan(path.join(scratch, 'no-src'), path.join(scratch, 'fresh/dist/index.js'))).toEqual([]);
    expect(sourcesNewerThan(path.join(scratch, 'fresh/src'), path.join(scratch, 'no-dist/index.js'))).toEqual([]);
  });
});
