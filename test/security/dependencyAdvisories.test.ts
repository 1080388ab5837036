/**
 * The lockfile holds no version that a known advisory covers (scripts/knownAdvisories.ts), so removing
 * an override in package.json or updating a dependency to a vulnerable version fails the tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVersions, findVulnerablePackages, knownAdvisories } from '../../scripts/knownAdvisories';

const lockfile = readFileSync(path.resolve(__dirname, '../../package-lock.json'), 'utf8');

describe('dependency advisories', () => {
  it('finds no known-vulnerable version in package-lock.json', () => {
    expect(findVulnerablePackages(lockfile)).toEqual([]);
  });

  it('covers find-my-way, send, axios and uuid, and every one of them is in the lockfile', () => {
    const names = knownAdvisories.map((advisory) => advisory.name);
    expect(names).toEqual(expect.arrayContaining(['find-my-way', 'send', 'axios', 'uuid']));
    for (const name of names) expect(lockfile).toContain(`node_modules/${name}"`);
  });

  it('flags a vulnerable version that comes back (restify with its own old find-my-way and uuid)', () => {
    const regressed = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { name: 'x' },
        'node_modules/restify/node_modules/find-my-way': { version: '8.2.0' },
        'node_modules/restify/node_modules/uuid': { version: '9.0.1' },
        'node_modules/axios': { version: '1.8.1' },
        'node_modules/send': { version: '0.18.0' },
        'node_modules/natural/node_modules/uuid': { version: '13.0.2' },
      },
    });
    expect(findVulnerablePackages(regressed).map((finding) => `${finding.name}@${finding.version}`)).toEqual([
      'find-my-way@8.2.0',
      'uuid@9.0.1',
      'axios@1.8.1',
      'send@0.18.0',
    ]);
  });

  it('compares versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1);
    expect(compareVersions('8.2.2', '8.2.2')).toBe(0);
    expect(compareVersions('11.0.0-beta.1', '11.0.0')).toBe(-1);
  });
});
