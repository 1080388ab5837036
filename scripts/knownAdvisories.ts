/**
 * Known advisories of a few packages this project pulls in (find-my-way, send, axios, uuid: the ones its
 * dependencies carried), and a check of package-lock.json against them. This is a hand-kept floor, not
 * an audit: it knows nothing about any other package. `npm run check:advisories` (scripts/checkAdvisories.ts)
 * runs `npm audit` first and falls back to this list only when the registry's advisory endpoint gives no
 * report; test/security/dependencyAdvisories.test.ts runs this list offline on every test run, so a
 * vulnerable version of these packages coming back (an override removed, a dependency updated) fails the
 * tests. Add an entry when a new advisory for a dependency is published.
 */
import { z } from 'zod';

/** One advisory: versions from `introduced` (inclusive) up to `fixed` (exclusive) are vulnerable. */
export interface KnownAdvisory {
  /** The npm package. */
  name: string;
  /** GHSA or CVE ids. */
  ids: string[];
  /** What goes wrong. */
  summary: string;
  /** Vulnerable ranges, `[introduced, fixed)`; `fixed` undefined means every version from `introduced`. */
  ranges: Array<{ introduced: string; fixed?: string }>;
}

/** The advisories checked (find-my-way, send, axios, uuid: the ones this project's dependencies carried). */
export const knownAdvisories: KnownAdvisory[] = [
  {
    name: 'find-my-way',
    ids: ['GHSA-rrr8-f88r-h8q6', 'CVE-2024-45813'],
    summary: 'ReDoS with two parameters in one path segment (restify routing)',
    ranges: [{ introduced: '5.5.0', fixed: '8.2.2' }, { introduced: '9.0.0', fixed: '9.0.1' }],
  },
  {
    name: 'send',
    ids: ['GHSA-m6fv-jmcg-4jfg', 'CVE-2024-43799'],
    summary: 'template injection leading to XSS in redirects (restify static serving)',
    ranges: [{ introduced: '0.0.0', fixed: '0.19.0' }],
  },
  {
    name: 'axios',
    ids: ['CVE-2025-27152', 'CVE-2025-58754', 'CVE-2026-25639', 'CVE-2026-40175', 'CVE-2026-42033', 'GHSA-777c-7fjr-54vf', 'CVE-2026-67320'],
    summary: 'SSRF through absolute URLs, unbounded data: URIs, __proto__ in config, prototype-pollution transport hijack, fetch adapter size limit (botframework-connector\'s HTTP client)',
    ranges: [{ introduced: '0.0.0', fixed: '0.33.0' }, { introduced: '1.0.0', fixed: '1.18.1' }],
  },
  {
    name: 'uuid',
    ids: ['GHSA-w5hq-g745-h8pq', 'CVE-2026-41907'],
    summary: 'missing buffer bounds check in v3/v5/v6 when a buffer is provided',
    ranges: [
      { introduced: '0.0.0', fixed: '11.1.1' },
      { introduced: '12.0.0', fixed: '12.0.1' },
      { introduced: '13.0.0', fixed: '13.0.1' },
    ],
  },
];

/** A package version in the lockfile that an advisory covers. */
export interface AdvisoryFinding {
  /** Where in the lockfile, e.g. `node_modules/restify/node_modules/uuid`. */
  location: string;
  name: string;
  version: string;
  ids: string[];
}

const lockfileSchema = z.object({
  lockfileVersion: z.number().int().min(2),
  packages: z.record(z.string(), z.object({ version: z.string().optional(), name: z.string().optional() }).loose()),
});

/** Compares two `x.y.z` versions (pre-release tags compare as lower than the release). */
export function compareVersions(a: string, b: string): number {
  const parse = (version: string): number[] => {
    const [core = '', pre] = version.split('-', 2);
    const parts = core.split('.').map((part) => Number.parseInt(part, 10) || 0);
    return [...parts, pre === undefined ? 1 : 0];
  };
  const left = parse(a);
  const right = parse(b);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** Whether `version` falls in one of the advisory's vulnerable ranges. */
export function isVulnerable(version: string, advisory: KnownAdvisory): boolean {
  return advisory.ranges.some(
    (range) => compareVersions(version, range.introduced) >= 0 && (range.fixed === undefined || compareVersions(version, range.fixed) < 0),
  );
}

/** Every package in the lockfile text (npm lockfile v2/v3) that a known advisory covers. */
export function findVulnerablePackages(lockfileText: string, advisories: KnownAdvisory[] = knownAdvisories): AdvisoryFinding[] {
  const lockfile = lockfileSchema.parse(JSON.parse(lockfileText));
  const findings: AdvisoryFinding[] = [];
  for (const [location, entry] of Object.entries(lockfile.packages)) {
    const name = entry.name ?? location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (location === '' || entry.version === undefined) continue;
    for (const advisory of advisories) {
      if (advisory.name === name && isVulnerable(entry.version, advisory)) {
        findings.push({ location, name, version: entry.version, ids: advisory.ids });
      }
    }
  }
  return findings;
}
