/**
 * Host header check (DNS rebinding)
 * =================================
 *
 * A web page on any site can point its own domain name at 127.0.0.1 after it loaded ("DNS
 * rebinding") and then read `serve`'s answers as same-origin. What gives it away is the Host
 * header: it names the attacker's domain. So a request is answered only when its Host is the
 * address the server is bound to, `localhost` or `127.0.0.1` (or `[::1]`), with the server's
 * port, or a name the user allowed. Bound to every interface (`0.0.0.0`, `::`), any IP address
 * is accepted too: an address cannot be rebound, only a name can.
 */
import { isIP } from 'node:net';

/** Where the server listens, and the names the user allowed besides. */
export interface HostPolicy {
  /** The bound address (`127.0.0.1`, `::1`, `0.0.0.0`…). */
  address: string;
  port: number;
  /** Further host names to accept (`--allow-host`), without port. */
  allowedHosts: readonly string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** `host[:port]` or `[v6]:port` split, the name lower case without a trailing dot; undefined when malformed. */
export function parseHostHeader(value: string): { name: string; port?: number } | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s/]+))(?::(\d{1,5}))?$/.exec(value.trim());
  if (!m) return undefined;
  const name = (m[1] ?? m[2]!).toLowerCase().replace(/\.$/, '');
  return m[3] === undefined ? { name } : { name, port: Number(m[3]) };
}

/** True when a request with this Host header may be answered (see the banner). */
export function isAllowedHost(header: string | undefined, policy: HostPolicy): boolean {
  if (!header) return false;
  const host = parseHostHeader(header);
  if (!host || (host.port ?? 80) !== policy.port) return false;
  const bound = policy.address.toLowerCase();
  if (host.name === bound || LOOPBACK_NAMES.includes(host.name)) return true;
  if (policy.allowedHosts.some((allowed) => allowed.toLowerCase().replace(/\.$/, '') === host.name)) return true;
  return (bound === '0.0.0.0' || bound === '::') && isIP(host.name) !== 0;
}
