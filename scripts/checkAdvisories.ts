/**
 * `npm run check:advisories`: the dependency advisory check, saying plainly which check ran.
 * 1. `npm audit` first — the registry's advisory database against every package in package-lock.json —
 *    with a short time limit (`ADVISORY_AUDIT_TIMEOUT_SECONDS`), so an unreachable or blackholed endpoint
 *    cannot hang the build.
 * 2. Only when npm audit gives no report (timeout, network error, the endpoint refused): the offline floor,
 *    scripts/knownAdvisories.ts, a hand-kept list of advisories for a few packages — not a full audit,
 *    and the output says so and names the packages it covers.
 * Exits 1 when the check that ran finds a vulnerable version, 0 otherwise.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { wholeNumberSetting } from '../src/infra/envSettings';
import { findVulnerablePackages, knownAdvisories } from './knownAdvisories';

/** Settings of the check, from the environment. */
export const advisoryCheckEnvSchema = z.object({
  /** Longest wait for `npm audit`, in seconds (default 20, range 1-300). */
  ADVISORY_AUDIT_TIMEOUT_SECONDS: wholeNumberSetting('a number of seconds', 1, 300, 20),
});

/** What npm audit answered. */
export type NpmAuditOutcome =
  | { answered: true; vulnerabilities: Array<{ name: string; severity: string }> }
  | { answered: false; reason: string };

const auditReportSchema = z.object({
  auditReportVersion: z.number(),
  vulnerabilities: z.record(z.string(), z.object({ name: z.string(), severity: z.string() }).loose()),
});
const auditErrorSchema = z.object({ message: z.string().optional(), error: z.object({ summary: z.string().optional() }).loose().optional() }).loose();

/** Runs `npm audit --json` in `cwd` with a time limit; never throws. */
export function runNpmAudit(cwd: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<NpmAuditOutcome> {
  return new Promise((resolve) => {
    const fetchTimeout = String(Math.max(1000, timeoutMs - 500));
    const child = spawn('npm', ['audit', '--json', '--fetch-retries=0', `--fetch-timeout=${fetchTimeout}`], { cwd, env, stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ answered: false, reason: `npm could not be started (${error.message})` });
    });
    child.on('close', () => {
      clearTimeout(timer);
      if (timedOut) return resolve({ answered: false, reason: `no answer within ${Math.round(timeoutMs / 1000)} s` });
      let json: unknown;
      try {
        json = JSON.parse(output);
      } catch {
        return resolve({ answered: false, reason: 'no JSON report' });
      }
      const report = auditReportSchema.safeParse(json);
      if (report.success) {
        return resolve({ answered: true, vulnerabilities: Object.values(report.data.vulnerabilities).map(({ name, severity }) => ({ name, severity })) });
      }
      const failure = auditErrorSchema.safeParse(json);
      const message = failure.success ? (failure.data.message ?? failure.data.error?.summary) : undefined;
      resolve({ answered: false, reason: message ? `the audit endpoint failed: ${message}` : 'no report' });
    });
  });
}

/** The check's lines of output and its exit code. */
export interface AdvisoryCheckResult {
  /** `npm-audit` or `known-advisories` (the offline list). */
  ran: 'npm-audit' | 'known-advisories';
  lines: string[];
  exitCode: 0 | 1;
}

/** Runs the check for the project in `root`. */
export async function checkAdvisories(root: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<AdvisoryCheckResult> {
  const audit = await runNpmAudit(root, timeoutMs, env);
  if (audit.answered) {
    const lines = [`Advisory check: npm audit (the registry's advisory database, every package in package-lock.json): ${audit.vulnerabilities.length} vulnerable package(s).`];
    for (const { name, severity } of audit.vulnerabilities) lines.push(`  ${name}: ${severity}`);
    return { ran: 'npm-audit', lines, exitCode: audit.vulnerabilities.length === 0 ? 0 : 1 };
  }
  const covered = [...new Set(knownAdvisories.map((advisory) => advisory.name))].join(', ');
  const findings = findVulnerablePackages(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const lines = [
    `Advisory check: npm audit gave no report (${audit.reason}).`,
    `Fell back to scripts/knownAdvisories.ts, a hand-kept list covering only ${covered} — not a full audit.`,
    findings.length === 0 ? `No known-vulnerable versions of ${covered} in package-lock.json.` : `${findings.length} known-vulnerable version(s):`,
    ...findings.map((finding) => `  ${finding.location}: ${finding.name}@${finding.version} (${finding.ids.join(', ')})`),
  ];
  return { ran: 'known-advisories', lines, exitCode: findings.length === 0 ? 0 : 1 };
}

if (require.main === module) {
  const settings = advisoryCheckEnvSchema.safeParse(process.env);
  if (!settings.success) {
    process.stderr.write(`checkAdvisories: ${settings.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}\n`);
    process.exit(2);
  }
  void checkAdvisories(path.resolve(__dirname, '..'), settings.data.ADVISORY_AUDIT_TIMEOUT_SECONDS * 1000).then((result) => {
    process.stdout.write(`${result.lines.join('\n')}\n`);
    process.exitCode = result.exitCode;
  });
}
