// Turns "device did X at t" into the Zeek rows a sensor on the LAN would write, with shared
// uids between conn and its dns/ssl/http/ntp rows.
import { zeekUid, type Rng } from './prng.js';
import type { LogKind, LogRecord } from './zeek-format.js';
import type { Home, NameSpace } from './home-world.js';

export interface LookupResult {
  addrs: string[];
  /** true when the answer came from the device's cache (no packet on the wire) */
  cached: boolean;
}

/** A device-side (or app-side) DNS cache: no lookup again while an answer is within its TTL. */
export class DnsCache {
  private readonly entries = new Map<string, { until: number; addrs: string[] }>();

  get(name: string, t: number): string[] | null {
    const e = this.entries.get(name);
    return e && e.until > t ? e.addrs : null;
  }

  put(name: string, t: number, ttl: number, addrs: string[]): void {
    this.entries.set(name, { until: t + ttl, addrs });
  }
}

export interface TlsOptions {
  port?: number;
  /** null: no SNI (bare-address clients) */
  sni: string | null;
  origBytes?: number;
  respBytes?: number;
  durationS?: number;
  established?: boolean;
}

const isLocal = (a: string, lan: string) => a.startsWith(`${lan}.`);

export class Traffic {
  readonly records: Record<LogKind, LogRecord[]> = { conn: [], dns: [], ssl: [], http: [], dhcp: [], ntp: [] };
  /** every query a LAN device sent to the router: the router's cache decides what goes upstream */
  readonly queries: { ts: number; name: string; qtype: string }[] = [];

  constructor(
    public rng: Rng,
    readonly home: Home,
    readonly names: NameSpace,
  ) {}

  private port(): number {
    return this.rng.int(49152, 65535);
  }

  conn(
    t: number,
    src: string,
    dst: string,
    dport: number,
    proto: 'tcp' | 'udp' | 'icmp',
    service: string | null,
    o: { dur?: number; ob?: number; rb?: number; state?: string; history?: string; sport?: number; uid?: string } = {},
  ): string {
    const uid = o.uid ?? zeekUid(this.rng);
    const ob = Math.round(o.ob ?? 0);
    const rb = Math.round(o.rb ?? 0);
    const op = proto === 'tcp' ? Math.max(3, Math.ceil(ob / 1200) + 3) : Math.max(1, Math.ceil(ob / 1200));
    const rp = rb === 0 && proto === 'udp' ? 0 : proto === 'tcp' ? Math.max(2, Math.ceil(rb / 1400) + 2) : Math.max(1, Math.ceil(rb / 1400));
    const hdr = proto === 'tcp' ? 52 : 28;
    const state = o.state ?? (proto === 'tcp' ? 'SF' : rb > 0 ? 'SF' : 'S0');
    const history = o.history ?? (proto === 'tcp' ? (state === 'SF' ? 'ShADadFf' : state) : rb > 0 ? 'Dd' : 'D');
    const lan = this.home.lan;
    this.records.conn.push({
      ts: t,
      values: [
        t,
        uid,
        src,
        o.sport ?? this.port(),
        dst,
        dport,
        proto,
        service,
        o.dur ?? null,
        ob,
        rb,
        state,
        isLocal(src, lan),
        isLocal(dst, lan),
        0,
        history,
        op,
        ob + op * hdr,
        rp,
        rb + rp * hdr,
        null,
      ],
    });
    return uid;
  }

  /** One DNS transaction on the wire (src -> resolver), with its conn row. */
  dnsQuery(t: number, src: string, resolver: string, query: string, qtype = 'A', forced?: { rcode: 'NXDOMAIN' | 'SERVFAIL' }): string[] {
    const ans = forced ? null : this.names.answer(query, t);
    const rtt = isLocal(resolver, this.home.lan) ? this.rng.uniform(0.0008, 0.03) : this.rng.uniform(0.008, 0.06);
    const rcodeName = forced?.rcode ?? (ans ? 'NOERROR' : 'NXDOMAIN');
    const rcode = rcodeName === 'NOERROR' ? 0 : rcodeName === 'NXDOMAIN' ? 3 : 2;
    // Queries for AAAA in a home without IPv6 get NOERROR and no answer.
    const addrs = qtype === 'A' && ans ? ans.addrs : [];
    const answers = addrs.length ? [...(ans!.cname ? [ans!.cname] : []), ...addrs] : [];
    const ttl = ans ? ans.ttl - (isLocal(resolver, this.home.lan) ? this.rng.int(0, Math.floor(ans.ttl / 2)) : 0) : 0;
    const sport = this.port();
    const uid = this.conn(t, src, resolver, 53, 'udp', 'dns', {
      dur: rtt,
      ob: 30 + query.length,
      rb: 46 + query.length + answers.length * 16,
      sport,
      state: 'SF',
      history: 'Dd',
    });
    const qnum: Record<string, number> = { A: 1, AAAA: 28, TXT: 16, HTTPS: 65, PTR: 12 };
    this.records.dns.push({
      ts: t,
      values: [
        t,
        uid,
        src,
        sport,
        resolver,
        53,
        'udp',
        this.rng.int(1, 65535),
        rtt,
        query,
        1,
        'C_INTERNET',
        qnum[qtype] ?? 1,
        qtype,
        rcode,
        rcodeName,
        false,
        false,
        true,
        true,
        0,
        answers.length ? answers.join(',') : null,
        answers.length ? answers.map(() => ttl.toFixed(6)).join(',') : null,
        false,
      ],
    });
    if (isLocal(src, this.home.lan) && src !== this.home.router) this.queries.push({ ts: t, name: query, qtype });
    return addrs;
  }

  /** A device looks a name up through the router unless its cache still holds it. */
  lookup(t: number, src: string, cache: DnsCache, name: string, o: { aaaa?: boolean } = {}): LookupResult {
    const hit = cache.get(name, t);
    if (hit) return { addrs: hit, cached: true };
    // The router resolves its own names straight from its upstream resolver.
    const resolver = src === this.home.router ? this.home.upstreamResolvers[0]! : this.home.router;
    const addrs = this.dnsQuery(t, src, resolver, name, 'A');
    if (o.aaaa) this.dnsQuery(t + this.rng.uniform(0, 0.002), src, resolver, name, 'AAAA');
    const ans = this.names.answer(name, t);
    cache.put(name, t, ans ? ans.ttl : 60, addrs);
    return { addrs, cached: false };
  }

  tls(t: number, src: string, dst: string, o: TlsOptions): string {
    const established = o.established ?? true;
    const ob = o.origBytes ?? this.rng.int(600, 2500);
    const rb = o.respBytes ?? this.rng.int(3000, 9000);
    const dur = o.durationS ?? this.rng.uniform(0.05, 1.5);
    const sport = this.port();
    const port = o.port ?? 443;
    const uid = this.conn(t, src, dst, port, 'tcp', established ? 'ssl' : null, {
      dur,
      ob,
      rb,
      sport,
      state: established ? 'SF' : 'RSTO',
      history: established ? 'ShADadFf' : 'ShADR',
    });
    const v13 = this.rng.chance(0.8);
    this.records.ssl.push({
      ts: t + 0.01,
      values: [
        t + 0.01,
        uid,
        src,
        sport,
        dst,
        port,
        v13 ? 'TLSv13' : 'TLSv12',
        v13 ? 'TLS_AES_128_GCM_SHA256' : 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
        'x25519',
        o.sni,
        false,
        null,
        established ? 'h2' : null,
        established,
        established ? 'CsiI' : 'CsiIa',
        null,
        null,
        null,
      ],
    });
    return uid;
  }

  http(
    t: number,
    src: string,
    dst: string,
    host: string,
    uri: string,
    ua: string,
    o: { method?: string; status?: number; respBytes?: number; reqBytes?: number } = {},
  ): string {
    const rbody = o.respBytes ?? this.rng.int(0, 4000);
    const sport = this.port();
    const uid = this.conn(t, src, dst, 80, 'tcp', 'http', {
      dur: this.rng.uniform(0.02, 0.6),
      ob: 200 + uri.length + ua.length + (o.reqBytes ?? 0),
      rb: rbody + 250,
      sport,
    });
    const status = o.status ?? 200;
    const msg: Record<number, string> = { 200: 'OK', 204: 'No Content', 304: 'Not Modified', 302: 'Found', 404: 'Not Found' };
    this.records.http.push({
      ts: t + 0.01,
      values: [
        t + 0.01,
        uid,
        src,
        sport,
        dst,
        80,
        1,
        o.method ?? 'GET',
        host,
        uri,
        null,
        '1.1',
        ua,
        null,
        o.reqBytes ?? 0,
        rbody,
        status,
        msg[status] ?? 'OK',
        null,
        null,
        '',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
    });
    return uid;
  }

  ntp(t: number, src: string, dst: string, o: { poll?: number; stratum?: number } = {}): string {
    const sport = this.rng.chance(0.5) ? 123 : this.port();
    const rtt = this.rng.uniform(0.01, 0.08);
    const uid = this.conn(t, src, dst, 123, 'udp', 'ntp', { dur: rtt, ob: 48, rb: 48, sport, state: 'SF', history: 'Dd' });
    const stratum = o.stratum ?? this.rng.int(1, 3);
    this.records.ntp.push({
      ts: t,
      values: [
        t,
        uid,
        src,
        sport,
        dst,
        123,
        4,
        4,
        stratum,
        o.poll ?? 64,
        2 ** -23,
        this.rng.uniform(0.0001, 0.02),
        this.rng.uniform(0.0001, 0.05),
        stratum === 1 ? 'GPS' : '17.253.4.125',
        t - this.rng.uniform(10, 900),
        t - rtt,
        t + rtt / 2,
        t + rtt / 2 + 0.00002,
        0,
      ],
    });
    return uid;
  }

  /** DHCP exchange with the router (renewal: REQUEST/ACK unicast; fresh: full DORA broadcast). */
  dhcp(t: number, dev: { address: string; mac: string; hostName: string }, fresh: boolean, leaseS: number): void {
    const uid = fresh
      ? this.conn(t, '0.0.0.0', '255.255.255.255', 67, 'udp', 'dhcp', { sport: 68, dur: 0.02, ob: 600, rb: 0, state: 'S0', history: 'D' })
      : this.conn(t, dev.address, this.home.router, 67, 'udp', 'dhcp', { sport: 68, dur: 0.005, ob: 300, rb: 300, state: 'SF', history: 'Dd' });
    this.records.dhcp.push({
      ts: t,
      values: [
        t,
        uid,
        fresh ? null : dev.address,
        this.home.router,
        dev.mac,
        dev.hostName,
        null,
        'lan',
        fresh ? dev.address : null,
        dev.address,
        leaseS,
        null,
        null,
        fresh ? 'DISCOVER,OFFER,REQUEST,ACK' : 'REQUEST,ACK',
        fresh ? 0.02 : 0.005,
      ],
    });
  }

  /** The router forwards what its cache cannot answer to its upstream resolvers. */
  routerUpstream(): void {
    const cache = new DnsCache();
    const qs = [...this.queries].sort((a, b) => a.ts - b.ts);
    const base = this.rng;
    for (const q of qs) {
      const key = `${q.qtype}/${q.name}`;
      if (cache.get(key, q.ts)) continue;
      // Each forwarded query draws from its own stream: extra (C2) queries leave the rest as in
      // the clean home.
      this.rng = base.fork(`${key}@${q.ts}`);
      const resolver = this.rng.chance(0.85) ? this.home.upstreamResolvers[0]! : this.home.upstreamResolvers[1]!;
      const ans = this.names.answer(q.name, q.ts);
      this.dnsQuery(q.ts - 0.004, this.home.router, resolver, q.name, q.qtype);
      cache.put(key, q.ts, ans ? ans.ttl : 300, []);
    }
    this.rng = base;
  }
}
