/**
 * npm test's pretest step (scripts/testPrerequisites.sh) run as a new maintainer meets it: with every
 * package there it says nothing; with one missing and installing not allowed (SPINE_TEST_NO_INSTALL=1)
 * it stops with one line naming exactly what to install. Run with a PATH that holds only the tools it
 * needs, so redis-server is missing however this machine is set up (chromium is checked at its Debian path).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = path.resolve(__dirname, '../../scripts/testPrerequisites.sh');
const bin = mkdtempSync(path.join(tmpdir(), 'spine-prereq-'));
symlinkSync('/usr/bin/id', path.join(bin, 'id'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

function pretest(env: Record<string, string>) {
  return spawnSync('/bin/bash', [script], { env: { PATH: bin, ...env }, encoding: 'utf8' });
}

describe('npm test pretest', () => {
  it('stops with one line naming the package to install when it may not install it', () => {
    const run = pretest({ SPINE_TEST_NO_INSTALL: '1' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      "npm test needs Debian's redis-server: run 'sudo apt-get install -y redis-server' (or set TEST_REDIS_URL to a Redis of your own)\n",
    );
  });

  it('needs no redis-server when TEST_REDIS_URL names a Redis of your own', () => {
    const run = pretest({ SPINE_TEST_NO_INSTALL: '1', TEST_REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
