import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureContentLocation } from '../fixtures/fixtureContent';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const ask = (args: string[], input?: string) =>
  spawnSync(tsx, [join(root, 'src', 'cli', 'ask.ts'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', KNOWLEDGE_DIR: fixtureContentLocation.knowledgeDir, DIALOGS_DIR: fixtureContentLocation.dialogsDir },
  });

describe('npm run ask', () => {
  it('prints the answer with its quotes and sources', () => {
    const run = ask(['how much does vertebroplasty cost']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('outcome: answer');
    expect(run.stdout).toContain('across the country in 2020. The average cost of a vertebroplasty procedure that year was $9,000 [1]');
    expect(run.stdout).toMatch(/Sources:\n {2}\[1\] Vertebroplasty basics · Fixture Clinic · checked 2026-01-15 \(basics, characters \d+–\d+\)/);
    // The sources are printed once: no Markdown reference definitions besides the Sources block.
    expect(run.stdout).not.toMatch(/^\[1\]: /m);
    expect(run.stdout.match(/^ {2}\[1\] /gm)).toHaveLength(1);
  });

  it('prints JSON with --json', () => {
    const run = ask(['--json', 'what is kyphoplasty']);
    const result = JSON.parse(run.stdout) as { outcome: string; quotes: Array<{ text: string }> };
    expect(result.outcome).toBe('answer');
    expect(result.quotes[0]?.text).toContain('balloon');
  });

  it('reads questions from standard input, one JSON line each', () => {
    const run = ask(['--json'], 'hi\nwhat is the weather\n\nmy legs are numb\n');
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { question: string; outcome: string });
    expect(lines.map((line) => [line.question, line.outcome])).toEqual([
      ['hi', 'smalltalk'],
      ['what is the weather', 'no-answer'],
      ['my legs are numb', 'emergency'],
    ]);
  });
});
