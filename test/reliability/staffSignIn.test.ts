/**
 * The console's sign-in limits stop guessing without locking the clinic out: staff share one address, so
 * wrong tokens typed under one name do not lock out a colleague signing in under another, while the
 * guesser is refused (429 with Retry-After, before the token is even checked), a guesser trying many
 * names is stopped by the address's own limit, and the limits lift after a minute (the harness's clock).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { consoleToken, startConsoleHarness, type ConsoleHarness } from '../handoff/consoleHarness';

const wrong = 'wrong-token-wrong-token-wrong';
let harness: ConsoleHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function signIn(name: string, token: string): Promise<Response> {
  if (!harness) throw new Error('no harness');
  return harness.agent('POST', '/agent/api/login', { body: { name, token } });
}

async function statuses(attempts: Array<[string, string]>): Promise<number[]> {
  const result: number[] = [];
  for (const [name, token] of attempts) result.push((await signIn(name, token)).status);
  return result;
}

describe('console sign-in limits', () => {
  it('five wrong tokens under one name do not lock out a colleague behind the same address', async () => {
    harness = await startConsoleHarness();
    expect(await statuses(Array.from({ length: 5 }, (): [string, string] => ['Eve', wrong]))).toEqual([401, 401, 401, 401, 401]);
    expect((await signIn('Alex', consoleToken)).status).toBe(200);
    // The guesser is refused, even with the right token (no guess is checked while limited), and so is the same name typed differently.
    const refused = await signIn('Eve', consoleToken);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signIn('  EVE ', wrong)).status).toBe(429);
    harness.clock.advance(60_001);
    expect((await signIn('Eve', consoleToken)).status).toBe(200);
  });

  it('stops a guesser trying many names at the address limit, for everyone behind it, for a minute', async () => {
    harness = await startConsoleHarness({ AGENT_CONSOLE_ADDRESS_LOGINS_PER_MINUTE: '8' });
    const names = Array.from({ length: 8 }, (_, index): [string, string] => [`guess-${index}`, wrong]);
    expect(await statuses(names)).toEqual(Array.from({ length: 8 }, () => 401));
    expect((await signIn('guess-9', wrong)).status).toBe(429);
    expect((await signIn('Alex', consoleToken)).status).toBe(429);
    harness.clock.advance(60_001);
    expect((await signIn('Alex', consoleToken)).status).toBe(200);
  });

  it('forgives a name its failures once it signs in', async () => {
    harness = await startConsoleHarness();
    expect(await statuses([['Sam', wrong], ['Sam', wrong], ['Sam', wrong], ['Sam', wrong], ['Sam', consoleToken]])).toEqual([401, 401, 401, 401, 200]);
    expect(await statuses([['Sam', wrong], ['Sam', wrong], ['Sam', wrong], ['Sam', wrong]])).toEqual([401, 401, 401, 401]);
  });
});
