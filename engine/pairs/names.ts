// Normalising destination names from logs (DNS query, HTTP Host, TLS SNI).
import ipaddr from 'ipaddr.js';
import { getDomain } from 'tldts';

/** Lower-case, trailing dot dropped, surrounding whitespace trimmed. */
export function normalizeName(name: string): string {
  let n = name.trim().toLowerCase();
  while (n.endsWith('.')) n = n.slice(0, -1);
  return n;
}

/**
 * An HTTP Host header without its port: `www.example.com:443` (CONNECT through a proxy),
 * `[2001:db8::1]:8080`. A bare IPv6 address (several colons, no brackets) is kept whole.
 */
export function stripHostPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end > 0 ? host.slice(1, end) : host;
  }
  const colon = host.indexOf(':');
  if (colon >= 0 && host.indexOf(':', colon + 1) < 0) return host.slice(0, colon);
  return host;
}

/** Names that stay inside the home network (mDNS, home.arpa, reverse lookups of LAN addresses). */
export function isLocalName(name: string): boolean {
  return (
    name.endsWith('.local') ||
    name.endsWith('.lan') ||
    name.endsWith('.home.arpa') ||
    name.endsWith('.internal') ||
    name.endsWith('.localdomain') ||
    !name.includes('.')
  );
}

/** The registered domain (public suffix + one label) of a name, or null (IPs, bare suffixes). */
export function registeredDomain(name: string): string | null {
  return getDomain(name, { allowPrivateDomains: false }) ?? null;
}

/**
 * True for an IPv4 or IPv6 address. Most strings here are host names: a cheap look at the
 * characters first spares ipaddr.js, which throws and catches internally on every non-address.
 */
export function isIpAddress(s: string): boolean {
  if (!s.includes(':') && !/^[0-9a-fA-FxX.]+$/.test(s)) return false;
  return ipaddr.isValid(s);
}
