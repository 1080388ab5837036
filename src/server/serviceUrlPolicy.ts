/**
 * Which serviceUrls the bot may send replies to in local mode (no Bot Framework token to vouch for the
 * serviceUrl): this server itself (the built-in Direct Line) and the configured origins. Anything else is
 * refused before the bot runs, so a request cannot make the server send to an address of its choosing.
 * Entries are origins, `scheme://host[:port]`; a port of `*` allows any port of that host.
 */

/** Decides whether a serviceUrl is allowed. */
export type ServiceUrlPolicy = (serviceUrl: string) => boolean;

/** Builds the policy; `ownOrigin()` is this server's loopback origin (known once it listens). */
export function createServiceUrlPolicy(allowed: readonly string[], ownOrigin: () => string | undefined): ServiceUrlPolicy {
  const patterns = allowed.map((entry) => parseOrigin(entry)).filter((pattern): pattern is OriginPattern => pattern !== undefined);
  return (serviceUrl) => {
    const url = parseOrigin(serviceUrl, { fromUrl: true });
    if (!url) return false;
    const own = ownOrigin();
    const ownPattern = own ? parseOrigin(own) : undefined;
    return [...patterns, ...(ownPattern ? [ownPattern] : [])].some(
      (pattern) => pattern.protocol === url.protocol && pattern.hostname === url.hostname && (pattern.port === '*' || pattern.port === url.port),
    );
  };
}

interface OriginPattern {
  protocol: string;
  hostname: string;
  port: string;
}

function parseOrigin(text: string, options: { fromUrl?: boolean } = {}): OriginPattern | undefined {
  const wildcard = !options.fromUrl && /:\*$/.test(text);
  const candidate = wildcard ? text.replace(/:\*$/, '') : text;
  if (!URL.canParse(candidate)) return undefined;
  const url = new URL(candidate);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  const port = wildcard ? '*' : url.port || (url.protocol === 'https:' ? '443' : '80');
  return { protocol: url.protocol, hostname: url.hostname.toLowerCase(), port };
}
