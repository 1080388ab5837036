/**
 * User-token clients built only when used: the adapter's per-turn client builds botbuilder's real one
 * on its first call (once), and every call reaches it with its arguments and returns its answer.
 */
import { describe, expect, it } from 'vitest';
import type { Activity, SignInUrlResponse, TokenExchangeRequest, TokenResponse, TokenStatus } from 'botbuilder';
import { ClaimsIdentity, UserTokenClient } from 'botframework-connector';
import { TurnClientsAuthentication, LazyUserTokenClient } from '../../src/bot/turnClientsAuthentication';

/** A user-token client that answers from memory and records the calls it got. */
class RecordingTokenClient extends UserTokenClient {
  readonly calls: Array<[string, unknown[]]> = [];
  private record<T>(method: string, args: unknown[], answer: T): Promise<T> {
    this.calls.push([method, args]);
    return Promise.resolve(answer);
  }
  getUserToken(...args: [string, string, string, string]): Promise<TokenResponse> {
    return this.record('getUserToken', args, { channelId: args[2], connectionName: args[1], token: 'token', expiration: '' });
  }
  getSignInResource(...args: [string, Activity, string]): Promise<SignInUrlResponse> {
    return this.record('getSignInResource', args, { signInLink: 'https://sign.in/' });
  }
  signOutUser(...args: [string, string, string]): Promise<void> {
    return this.record('signOutUser', args, undefined);
  }
  getTokenStatus(...args: [string, string, string]): Promise<TokenStatus[]> {
    return this.record('getTokenStatus', args, []);
  }
  getAadTokens(...args: [string, string, string[], string]): Promise<Record<string, TokenResponse>> {
    return this.record('getAadTokens', args, {});
  }
  exchangeToken(...args: [string, string, string, TokenExchangeRequest]): Promise<TokenResponse> {
    return this.record('exchangeToken', args, { channelId: args[2], connectionName: args[1], token: 'exchanged', expiration: '' });
  }
}

describe('lazy user-token client', () => {
  it('builds the real client on its first call, once, and passes every call on to it', async () => {
    const real = new RecordingTokenClient();
    let created = 0;
    const lazy = new LazyUserTokenClient(async () => {
      created += 1;
      return real;
    });
    expect(created).toBe(0);
    expect(await lazy.getUserToken('user', 'connection', 'msteams', '123456')).toMatchObject({ token: 'token', connectionName: 'connection' });
    await lazy.signOutUser('user', 'connection', 'msteams');
    expect(await lazy.exchangeToken('user', 'connection', 'msteams', { token: 'sso' })).toMatchObject({ token: 'exchanged' });
    expect(await lazy.getAadTokens('user', 'connection', ['https://graph'], 'msteams')).toEqual({});
    expect(await lazy.getTokenStatus('user', 'msteams', 'filter')).toEqual([]);
    expect(await lazy.getSignInResource('connection', { type: 'message' } as Activity, 'https://back/')).toEqual({ signInLink: 'https://sign.in/' });
    expect(created).toBe(1);
    expect(real.calls).toEqual([
      ['getUserToken', ['user', 'connection', 'msteams', '123456']],
      ['signOutUser', ['user', 'connection', 'msteams']],
      ['exchangeToken', ['user', 'connection', 'msteams', { token: 'sso' }]],
      ['getAadTokens', ['user', 'connection', ['https://graph'], 'msteams']],
      ['getTokenStatus', ['user', 'msteams', 'filter']],
      ['getSignInResource', ['connection', { type: 'message' }, 'https://back/']],
    ]);
  });

  it('is what the adapter gets for a turn, without building botbuilder\'s client yet', async () => {
    const authentication = new TurnClientsAuthentication({});
    const client = await authentication.createUserTokenClient(new ClaimsIdentity([], true));
    expect(client).toBeInstanceOf(LazyUserTokenClient);
    expect(client).toBeInstanceOf(UserTokenClient);
  });
});
