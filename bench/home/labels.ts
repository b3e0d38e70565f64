// labels.json: the truth about one simulated home, and the one rule that decides whether a
// (source -> destination) pair of any log belongs to a planted C2.
import { registeredDomain } from '../../engine/allowlist/index.js';
import type { BenignLabel } from './service-kit.js';
import type { C2Label } from './c2.js';

export type { BenignLabel } from './service-kit.js';
export type { C2Label, C2Style } from './c2.js';

export interface HomeLabels {
  seed: number;
  split: 'train' | 'test' | 'other';
  /** epoch seconds: first and last instant simulated */
  start: number;
  end: number;
  localNetworks: string[];
  router: string;
  devices: { address: string; mac: string; hostName: string; kind: string }[];
  benign: BenignLabel[];
  c2: C2Label[];
}

export interface PairLike {
  /** 'conn' | 'dns' | 'http' | 'ssl' */
  source: string;
  src: string;
  /** an address (conn) or a name (dns query or registered domain, http Host, ssl SNI) */
  dst: string;
}

/**
 * The planted C2 this pair belongs to, or null: same source, and the destination is one of the
 * C2's names or addresses — or, for DNS, shares a registered domain with one of its names (so
 * random-subdomain queries and the registered-domain row count).
 */
export function c2ForPair(labels: Pick<HomeLabels, 'c2'>, p: PairLike): C2Label | null {
  const dst = p.dst.toLowerCase().replace(/\.$/, '');
  for (const c of labels.c2) {
    if (c.src !== p.src) continue;
    if (c.names.includes(dst) || c.addresses.includes(dst)) return c;
    if (p.source === 'dns') {
      const rd = registeredDomain(dst) ?? dst;
      if (c.names.some((n) => (registeredDomain(n) ?? n) === rd)) return c;
    }
  }
  return null;
}
