// One event of a pair as Zeek logged it (the finding page's event list). Types only;
// engine/contract/values.ts re-exports them.
import type { LogSource } from './types.js';

/** HTTP request details of one event (http.log). Every string is attacker-controlled text. */
export interface HttpEventDetail {
  method: string | null;
  /** the Host header as sent; '' when it was empty */
  host: string | null;
  uri: string | null;
  userAgent: string | null;
  statusCode: number | null;
  statusMsg: string | null;
  requestBodyLen: number | null;
  responseBodyLen: number | null;
}

/** TLS handshake details of one event (ssl.log); JA3/JA4 only where the sensor logs them. */
export interface TlsEventDetail {
  version: string | null;
  serverName: string | null;
  cipher: string | null;
  established: boolean | null;
  ja3: string | null;
  ja3s: string | null;
  ja4: string | null;
  ja4s: string | null;
}

export interface DnsEventDetail {
  query: string | null;
  qtype: string | null;
  rcode: string | null;
  answers: string | null;
}

/** One event of a pair as Zeek logged it, read from the logs on disk when the finding page asks. */
export interface EventDetail {
  ts: number;
  /** Zeek's connection uid (pivot to other tools); null when the log has none */
  uid: string | null;
  origPort: number | null;
  respAddr: string | null;
  respPort: number | null;
  proto: string | null;
  service: string | null;
  /** from conn.log (joined by uid for http, ssl and dns events); null when not found */
  origBytes: number | null;
  respBytes: number | null;
  durationS: number | null;
  connState: string | null;
  http: HttpEventDetail | null;
  tls: TlsEventDetail | null;
  dns: DnsEventDetail | null;
}

/** The newest events of a pair with what Zeek logged about each (getEventDetails). */
export interface EventDetails {
  pairId: number;
  source: LogSource;
  /** newest first */
  events: EventDetail[];
  /** how many of the pair's newest stored events were looked for */
  wanted: number;
  /**
   * complete: every wanted event found; partial: some; gone: none (the logs for this period were
   * removed or moved); none: the store holds no event of the pair
   */
  state: 'complete' | 'partial' | 'gone' | 'none';
  /** what limited the answer, in words (files gone, a read stopped by its budget) */
  notes: string[];
  filesRead: number;
  /** detail fields that no found event had: the sensor does not log them (e.g. ja4) */
  notLogged: string[];
}
