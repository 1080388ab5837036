/**
 * botbuilder's CloudAdapter builds a ConnectorClient (credentials, an HTTP pipeline with its policies and
 * header sanitiser) for every incoming activity, though a turn answered in the response (`expectReplies`)
 * never uses it, and the clients of one bot identity, channel service and audience are alike (the older
 * BotFrameworkAdapter kept one per service URL). {@link ConnectorClientCache} keeps the client botbuilder
 * built for each (bot app id, service URL, audience), the most recent `maxClients` of them, and hands it
 * to every turn that asks for the same one.
 */
import { AuthenticationConstants, ConnectorFactory, type ClaimsIdentity, type ConnectorClient } from 'botframework-connector';

/** Options of {@link ConnectorClientCache}. */
export interface ConnectorClientCacheOptions {
  /** How many clients are kept (least recently built first out). ≥ 1. Default 64. */
  maxClients?: number;
}

/** Defaults of {@link ConnectorClientCacheOptions}. */
export const defaultConnectorClientCacheOptions = { maxClients: 64 } as const;

/** ConnectorClients kept by bot app id, service URL and audience. */
export class ConnectorClientCache {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly maxClients: number;

  /** An empty cache. */
  constructor(options: ConnectorClientCacheOptions = {}) {
    this.maxClients = Math.max(1, options.maxClients ?? defaultConnectorClientCacheOptions.maxClients);
  }

  /**
   * A factory that gives `inner`'s client for `claimsIdentity` (whose app id `inner` builds for, as
   * botbuilder reads it: the audience claim, else the app id claim), built once per service URL and audience.
   */
  factory(inner: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
    return new CachingConnectorFactory((serviceUrl, audience) => this.client(`${appId}\n${serviceUrl}\n${audience ?? ''}`, () => inner.create(serviceUrl, audience)));
  }

  private client(key: string, create: () => Promise<ConnectorClient>): Promise<ConnectorClient> {
    const known = this.clients.get(key);
    if (known) return known;
    const created = create();
    // A client that could not be built is not kept: the next turn tries again.
    created.catch(() => this.clients.get(key) === created && this.clients.delete(key));
    this.clients.set(key, created);
    if (this.clients.size > this.maxClients) this.clients.delete(this.clients.keys().next().value as string);
    return created;
  }
}

class CachingConnectorFactory extends ConnectorFactory {
  constructor(private readonly get: (serviceUrl: string, audience?: string) => Promise<ConnectorClient>) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.get(serviceUrl, audience);
  }
}
