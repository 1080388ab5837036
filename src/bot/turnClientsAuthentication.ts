/**
 * The adapter's authentication: botbuilder's ConfigurationBotFrameworkAuthentication, with the clients it
 * builds for every incoming activity built only when used (user-token clients) or once (connector clients,
 * connectorClientCache.ts).
 *
 * botbuilder's CloudAdapter asks its authentication for a user-token client on every incoming activity
 * and puts it in the turn state, though only OAuth sign-in (botbuilder-dialogs' OAuthPrompt) ever uses
 * one: each is credentials and a TokenApiClient with its own HTTP pipeline, built and thrown away per
 * turn. {@link TurnClientsAuthentication} hands out a {@link LazyUserTokenClient} instead, which asks
 * botbuilder for the real client (with the same claims) on its first call and passes every call on to it.
 */
import {
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type SignInUrlResponse,
  type TokenExchangeRequest,
  type TokenResponse,
  type TokenStatus,
} from 'botbuilder';
import { UserTokenClient, type AuthenticateRequestResult, type ClaimsIdentity } from 'botframework-connector';
import { ConnectorClientCache } from './connectorClientCache';

/** A user-token client that builds botbuilder's own on first use and forwards every call to it. */
export class LazyUserTokenClient extends UserTokenClient {
  private client: Promise<UserTokenClient> | undefined;

  /** `create` builds the real client; called once, on the first call of any method. */
  constructor(private readonly create: () => Promise<UserTokenClient>) {
    super();
  }

  private real(): Promise<UserTokenClient> {
    return (this.client ??= this.create());
  }

  /** See {@link UserTokenClient.getUserToken}. */
  async getUserToken(userId: string, connectionName: string, channelId: string, magicCode: string): Promise<TokenResponse> {
    return (await this.real()).getUserToken(userId, connectionName, channelId, magicCode);
  }

  /** See {@link UserTokenClient.getSignInResource}. */
  async getSignInResource(connectionName: string, activity: Activity, finalRedirect: string): Promise<SignInUrlResponse> {
    return (await this.real()).getSignInResource(connectionName, activity, finalRedirect);
  }

  /** See {@link UserTokenClient.signOutUser}. */
  async signOutUser(userId: string, connectionName: string, channelId: string): Promise<void> {
    return (await this.real()).signOutUser(userId, connectionName, channelId);
  }

  /** See {@link UserTokenClient.getTokenStatus}. */
  async getTokenStatus(userId: string, channelId: string, includeFilter: string): Promise<TokenStatus[]> {
    return (await this.real()).getTokenStatus(userId, channelId, includeFilter);
  }

  /** See {@link UserTokenClient.getAadTokens}. */
  async getAadTokens(userId: string, connectionName: string, resourceUrls: string[], channelId: string): Promise<Record<string, TokenResponse>> {
    return (await this.real()).getAadTokens(userId, connectionName, resourceUrls, channelId);
  }

  /** See {@link UserTokenClient.exchangeToken}. */
  async exchangeToken(userId: string, connectionName: string, channelId: string, exchangeRequest: TokenExchangeRequest): Promise<TokenResponse> {
    return (await this.real()).exchangeToken(userId, connectionName, channelId, exchangeRequest);
  }
}

/** botbuilder's configuration authentication, with user-token clients built only when used and connector clients kept. */
export class TurnClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients = new ConnectorClientCache();

  /** botbuilder's check of the request, with a connector factory that keeps the clients it builds. */
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const { connectorFactory, claimsIdentity } = result;
    return connectorFactory ? { ...result, connectorFactory: this.connectorClients.factory(connectorFactory, claimsIdentity) } : result;
  }

  /** A {@link LazyUserTokenClient} for `claimsIdentity`. */
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return Promise.resolve(new LazyUserTokenClient(() => super.createUserTokenClient(claimsIdentity)));
  }
}
