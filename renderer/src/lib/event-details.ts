// Words for the finding page's event details (getEventDetails): what Zeek logged about each event,
// as short labelled lines. Every value here is attacker-controlled text from the logs: the view
// renders these strings as text only.
import type { EventDetail, EventDetails } from '../../../engine/api.js';
import { count } from './format.js';

export interface DetailLine {
  label: string;
  value: string;
  /** a hash or URI: shown in the monospace font */
  mono?: boolean;
}

const NONE = '(none)';

/** "from :14374 to 64.225.56.201:80/tcp" as its parts */
export function connectionText(d: EventDetail): string {
  const to = d.respAddr === null ? '?' : d.respAddr.includes(':') ? `[${d.respAddr}]` : d.respAddr;
  const port = d.respPort === null ? '' : `:${d.respPort}`;
  const proto = d.proto ? `/${d.proto}` : '';
  const from = d.origPort === null ? '' : `:${d.origPort} → `;
  return `${from}${to}${port}${proto}`;
}

/** "80 B sent · 327 B received"; bytes not known (conn.log not found) say so */
export function bytesText(d: EventDetail): string {
  if (d.origBytes === null && d.respBytes === null) return 'bytes not in conn.log';
  const b = (n: number | null) => (n === null ? '?' : `${count(n)} B`);
  return `${b(d.origBytes)} sent · ${b(d.respBytes)} received`;
}

/** "0.10 s", "12 s"; null when conn.log did not say */
export function lastedText(d: EventDetail): string | null {
  if (d.durationS === null) return null;
  return d.durationS < 10 ? `${d.durationS.toFixed(2)} s` : `${Math.round(d.durationS)} s`;
}

/** What the pair's own log says about the event, as labelled lines. */
export function detailLines(d: EventDetail): DetailLine[] {
  const out: DetailLine[] = [];
  const add = (label: string, value: string | null | undefined, mono = false) => {
    if (value !== null && value !== undefined) out.push({ label, value: value === '' ? NONE : value, ...(mono ? { mono } : {}) });
  };
  if (d.http) {
    const h = d.http;
    add('Request', [h.method ?? '?', h.uri ?? ''].join(' ').trim(), true);
    add('Status', h.statusCode === null ? h.statusMsg : `${h.statusCode}${h.statusMsg ? ` ${h.statusMsg}` : ''}`);
    out.push({ label: 'Host', value: h.host ? h.host : NONE, mono: true });
    add('User agent', h.userAgent);
    if (h.requestBodyLen || h.responseBodyLen) add('Body', `${count(h.requestBodyLen ?? 0)} B up · ${count(h.responseBodyLen ?? 0)} B down`);
  }
  if (d.tls) {
    const t = d.tls;
    add('TLS', [t.version, t.established === null ? null : t.established ? 'established' : 'not established'].filter(Boolean).join(' · ') || null);
    out.push({ label: 'SNI', value: t.serverName ? t.serverName : NONE, mono: true });
    add('Cipher', t.cipher);
    add('JA3', t.ja3, true);
    add('JA3S', t.ja3s, true);
    add('JA4', t.ja4, true);
    add('JA4S', t.ja4s, true);
  }
  if (d.dns) {
    const q = d.dns;
    add('Query', [q.query, q.qtype].filter(Boolean).join(' '), true);
    add('Answer', [q.rcode, q.answers].filter(Boolean).join(' · ') || null);
  }
  if (!d.http && !d.tls && !d.dns) {
    add('Service', d.service);
    add('State', d.connState);
  }
  return out;
}

/**
 * A beacon repeats itself: what every event shares (the same user agent, Host, status…) is
 * said once above the table, and each row shows only what differs.
 */
export function splitCommon(events: readonly EventDetail[]): { common: DetailLine[]; perEvent: DetailLine[][] } {
  const lines = events.map(detailLines);
  if (lines.length < 2) return { common: [], perEvent: lines };
  const key = (l: DetailLine) => `${l.label}\u0000${l.value}`;
  const first = lines[0]!;
  const shared = new Set(first.filter((l) => lines.every((ls) => ls.some((x) => key(x) === key(l)))).map(key));
  return { common: first.filter((l) => shared.has(key(l))), perEvent: lines.map((ls) => ls.filter((l) => !shared.has(key(l)))) };
}

/** One sentence about how complete the details are (null when complete and nothing to say). */
export function detailsStatus(r: EventDetails): string | null {
  if (r.state === 'none') return 'No events of this pair are stored any more.';
  const parts = [...r.notes];
  if (r.notLogged.length) parts.push(`This sensor does not log: ${r.notLogged.join(', ')}.`);
  return parts.length ? parts.join(' ') : null;
}
