/**
 * The address of the client a request came from, for per-address rate limits. Behind reverse proxies
 * (`TRUST_PROXY_HOPS` = n) it is the n-th address from the right of X-Forwarded-For — the one the
 * nearest trusted proxy saw; without trusted proxies X-Forwarded-For is ignored (anyone can send it).
 */
import type { IncomingMessage } from 'node:http';

/** The client's address, IPv4-mapped IPv6 addresses shown as IPv4. */
export function clientAddress(req: IncomingMessage, trustProxyHops: number): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  let address = socketAddress;
  if (trustProxyHops > 0) {
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : header ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    address = hops[hops.length - trustProxyHops] ?? hops[0] ?? socketAddress;
  }
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}
