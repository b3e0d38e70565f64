// Name evidence gathered from one batch of rows, before the store writes it: DNS answers (what a
// device was told), SNI/Host claims (what a device said) and the addresses that answered DNS.
// It is also the batch's legacy name map (address_names, shown as a conn pair's dstNames).
import type { AddressName } from '../contract/types.js';

export type ClaimHow = 'sni' | 'host';

export interface AnswerSeen {
  name: string;
  address: string;
  first: number;
  last: number;
  ttl: number | null;
}

export interface ClaimSeen {
  src: string;
  address: string;
  name: string;
  how: ClaimHow;
  first: number;
  last: number;
}

export interface ResolverSeen {
  src: string;
  server: string;
  first: number;
  last: number;
  responses: number;
}

export class NameEvidenceBatch extends Map<string, AddressName> {
  readonly answers = new Map<string, AnswerSeen>();
  readonly claims = new Map<string, ClaimSeen>();
  readonly resolvers = new Map<string, ResolverSeen>();

  answer(name: string, address: string, ts: number, ttl: number | null): void {
    const key = `${name}\u0000${address}`;
    const a = this.answers.get(key);
    if (!a) this.answers.set(key, { name, address, first: ts, last: ts, ttl });
    else {
      a.first = Math.min(a.first, ts);
      a.last = Math.max(a.last, ts);
      if (ttl !== null) a.ttl = Math.max(a.ttl ?? 0, ttl);
    }
  }

  claim(src: string, address: string, name: string, how: ClaimHow, ts: number): void {
    const key = `${src}\u0000${address}\u0000${name}\u0000${how}`;
    const c = this.claims.get(key);
    if (!c) this.claims.set(key, { src, address, name, how, first: ts, last: ts });
    else {
      c.first = Math.min(c.first, ts);
      c.last = Math.max(c.last, ts);
    }
  }

  resolver(src: string, server: string, ts: number): void {
    const key = `${src}\u0000${server}`;
    const r = this.resolvers.get(key);
    if (!r) this.resolvers.set(key, { src, server, first: ts, last: ts, responses: 1 });
    else {
      r.first = Math.min(r.first, ts);
      r.last = Math.max(r.last, ts);
      r.responses++;
    }
  }
}
