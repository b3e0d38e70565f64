// New local networks for the pairs already stored. A pair keeps its direction, which says which
// ends were local when it was read (outbound: the source; inbound: the destination; local: both).
// An address that a new range covers becomes local, one a removed range covered is no longer;
// every other end keeps what it was (Zeek's own local_orig/local_resp, a name's own locality:
// a DNS, HTTP or TLS pair keeps its name, not the address it went to). Without this the stored
// pairs — the ingest only adds events to a known pair — would keep their first direction forever.
import type { Direction } from '../contract/types.js';
import { LocalNetworks } from './local-networks.js';
import { isIpAddress } from './names.js';

export interface DirectedPair {
  id: number;
  src: string;
  dst: string;
  direction: Direction;
}

/** The pairs whose direction changes from `before` to `after` networks, with the new direction. */
export function rederiveDirections(
  pairs: readonly DirectedPair[],
  before: readonly string[],
  after: readonly string[],
): { id: number; direction: Direction }[] {
  const was = new LocalNetworks(before);
  const now = new LocalNetworks(after);
  const local = (address: string, old: boolean): boolean => {
    if (!isIpAddress(address)) return old;
    const [a, b] = [was.isLocal(address), now.isLocal(address)];
    return a === b ? old : b;
  };
  const out: { id: number; direction: Direction }[] = [];
  for (const p of pairs) {
    const src = local(p.src, p.direction === 'outbound' || p.direction === 'local');
    const dst = local(p.dst, p.direction === 'inbound' || p.direction === 'local');
    const direction: Direction = src && dst ? 'local' : src ? 'outbound' : dst ? 'inbound' : 'external';
    if (direction !== p.direction) out.push({ id: p.id, direction });
  }
  return out;
}
