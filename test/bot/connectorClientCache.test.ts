/**
 * Connector clients kept across turns: each turn's factory gives the client built for the same bot app
 * id, service URL and audience, builds a new one for any other, forgets a client that failed to build and
 * keeps only the most recent ones. Real botbuilder factories and clients (no request is sent).
 */
import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { ConnectorClientCache } from '../../src/bot/connectorClientCache';
import { TurnClientsAuthentication } from '../../src/bot/turnClientsAuthentication';

const activity = (serviceUrl: string): Activity =>
  ({ type: 'message', id: 'a1', channelId: 'webchat', serviceUrl, conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: 'bot' } }) as Activity;

/** Claims naming a bot app id as botbuilder reads it (the audience claim). */
const claimsFor = (appId: string): ClaimsIdentity => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

/** A factory that fails its first `failures` builds, then builds real clients. */
class FlakyFactory extends ConnectorFactory {
  builds = 0;
  constructor(private failures: number) {
    super();
  }
  async create(serviceUrl: string): Promise<ConnectorClient> {
    this.builds += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('cannot build');
    }
    return new ConnectorClient({ signRequest: async (request) => request }, { baseUri: serviceUrl });
  }
}

describe('connector clients kept across turns', () => {
  it('gives every turn from the same channel service the client the first one built', async () => {
    const authentication = new TurnClientsAuthentication({});
    const first = await authentication.authenticateRequest(activity('https://channel.one/'), '');
    const second = await authentication.authenticateRequest(activity('https://channel.one/'), '');
    const client = await first.connectorFactory?.create('https://channel.one/', first.audience);
    expect(client).toBeInstanceOf(ConnectorClient);
    expect(await second.connectorFactory?.create('https://channel.one/', second.audience)).toBe(client);
    const other = await second.connectorFactory?.create('https://channel.two/', second.audience);
    expect(other).not.toBe(client);
    expect((other as ConnectorClient & { baseUri?: string }).baseUri).toBe('https://channel.two/');
  });

  it('keeps clients apart by bot app id and audience', async () => {
    const cache = new ConnectorClientCache();
    const inner = new FlakyFactory(0);
    const url = 'https://channel.one/';
    const a = await cache.factory(inner, claimsFor('app-a')).create(url, 'scope');
    expect(await cache.factory(inner, claimsFor('app-a')).create(url, 'scope')).toBe(a);
    expect(await cache.factory(inner, claimsFor('app-b')).create(url, 'scope')).not.toBe(a);
    expect(await cache.factory(inner, claimsFor('app-a')).create(url, 'other scope')).not.toBe(a);
    expect(inner.builds).toBe(3);
  });

  it('does not keep a client that failed to build: the next turn builds again', async () => {
    const cache = new ConnectorClientCache();
    const inner = new FlakyFactory(1);
    await expect(cache.factory(inner, claimsFor('app')).create('https://channel.one/')).rejects.toThrow('cannot build');
    const client = await cache.factory(inner, claimsFor('app')).create('https://channel.one/');
    expect(client).toBeInstanceOf(ConnectorClient);
    expect(await cache.factory(inner, claimsFor('app')).create('https://channel.one/')).toBe(client);
    expect(inner.builds).toBe(2);
  });

  it('keeps only the most recent clients', async () => {
    const cache = new ConnectorClientCache({ maxClients: 2 });
    const inner = new FlakyFactory(0);
    const factory = cache.factory(inner, claimsFor('app'));
    const one = await factory.create('https://one/');
    await factory.create('https://two/');
    await factory.create('https://three/');
    expect(inner.builds).toBe(3);
    expect(await factory.create('https://one/')).not.toBe(one);
    expect(inner.builds).toBe(4);
  });
});
