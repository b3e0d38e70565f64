// Zeek 6 TSV as Zeek writes it: header block, tab-separated rows, `#close` on rotation; the
// columns are each log's default fields (no site extras) so the corpus looks like a stock sensor.

export type LogKind = 'conn' | 'dns' | 'ssl' | 'http' | 'dhcp' | 'ntp';
export const LOG_KINDS: readonly LogKind[] = ['conn', 'dns', 'ssl', 'http', 'dhcp', 'ntp'];

const ID: [string, string][] = [
  ['id.orig_h', 'addr'],
  ['id.orig_p', 'port'],
  ['id.resp_h', 'addr'],
  ['id.resp_p', 'port'],
];

/** [field, type] per kind, in Zeek 6's default order */
export const LOG_COLUMNS: Record<LogKind, [string, string][]> = {
  conn: [
    ['ts', 'time'],
    ['uid', 'string'],
    ...ID,
    ['proto', 'enum'],
    ['service', 'string'],
    ['duration', 'interval'],
    ['orig_bytes', 'count'],
    ['resp_bytes', 'count'],
    ['conn_state', 'string'],
    ['local_orig', 'bool'],
    ['local_resp', 'bool'],
    ['missed_bytes', 'count'],
    ['history', 'string'],
    ['orig_pkts', 'count'],
    ['orig_ip_bytes', 'count'],
    ['resp_pkts', 'count'],
    ['resp_ip_bytes', 'count'],
    ['tunnel_parents', 'set[string]'],
  ],
  dns: [
    ['ts', 'time'],
    ['uid', 'string'],
    ...ID,
    ['proto', 'enum'],
    ['trans_id', 'count'],
    ['rtt', 'interval'],
    ['query', 'string'],
    ['qclass', 'count'],
    ['qclass_name', 'string'],
    ['qtype', 'count'],
    ['qtype_name', 'string'],
    ['rcode', 'count'],
    ['rcode_name', 'string'],
    ['AA', 'bool'],
    ['TC', 'bool'],
    ['RD', 'bool'],
    ['RA', 'bool'],
    ['Z', 'count'],
    ['answers', 'vector[string]'],
    ['TTLs', 'vector[interval]'],
    ['rejected', 'bool'],
  ],
  ssl: [
    ['ts', 'time'],
    ['uid', 'string'],
    ...ID,
    ['version', 'string'],
    ['cipher', 'string'],
    ['curve', 'string'],
    ['server_name', 'string'],
    ['resumed', 'bool'],
    ['last_alert', 'string'],
    ['next_protocol', 'string'],
    ['established', 'bool'],
    ['ssl_history', 'string'],
    ['cert_chain_fps', 'vector[string]'],
    ['client_cert_chain_fps', 'vector[string]'],
    ['sni_matches_cert', 'bool'],
  ],
  http: [
    ['ts', 'time'],
    ['uid', 'string'],
    ...ID,
    ['trans_depth', 'count'],
    ['method', 'string'],
    ['host', 'string'],
    ['uri', 'string'],
    ['referrer', 'string'],
    ['version', 'string'],
    ['user_agent', 'string'],
    ['origin', 'string'],
    ['request_body_len', 'count'],
    ['response_body_len', 'count'],
    ['status_code', 'count'],
    ['status_msg', 'string'],
    ['info_code', 'count'],
    ['info_msg', 'string'],
    ['tags', 'set[enum]'],
    ['username', 'string'],
    ['password', 'string'],
    ['proxied', 'set[string]'],
    ['orig_fuids', 'vector[string]'],
    ['orig_filenames', 'vector[string]'],
    ['orig_mime_types', 'vector[string]'],
    ['resp_fuids', 'vector[string]'],
    ['resp_filenames', 'vector[string]'],
    ['resp_mime_types', 'vector[string]'],
  ],
  dhcp: [
    ['ts', 'time'],
    ['uids', 'set[string]'],
    ['client_addr', 'addr'],
    ['server_addr', 'addr'],
    ['mac', 'string'],
    ['host_name', 'string'],
    ['client_fqdn', 'string'],
    ['domain', 'string'],
    ['requested_addr', 'addr'],
    ['assigned_addr', 'addr'],
    ['lease_time', 'interval'],
    ['client_message', 'string'],
    ['server_message', 'string'],
    ['msg_types', 'vector[string]'],
    ['duration', 'interval'],
  ],
  ntp: [
    ['ts', 'time'],
    ['uid', 'string'],
    ...ID,
    ['version', 'count'],
    ['mode', 'count'],
    ['stratum', 'count'],
    ['poll', 'interval'],
    ['precision', 'interval'],
    ['root_delay', 'interval'],
    ['root_disp', 'interval'],
    ['ref_id', 'string'],
    ['ref_time', 'time'],
    ['org_time', 'time'],
    ['rec_time', 'time'],
    ['xmt_time', 'time'],
    ['num_exts', 'count'],
  ],
};

/** One log line's values in column order; null = unset ('-'), '' = empty ('(empty)'). */
export interface LogRecord {
  ts: number;
  values: (string | number | boolean | null)[];
}

export function zeekTime(ts: number): string {
  return ts.toFixed(6);
}

/** `#open`/`#close` stamp: YYYY-MM-DD-HH-MM-SS, UTC */
export function zeekStamp(ts: number): string {
  const d = new Date(Math.floor(ts) * 1000).toISOString();
  return `${d.slice(0, 10)}-${d.slice(11, 13)}-${d.slice(14, 16)}-${d.slice(17, 19)}`;
}

// Zeek escapes the separator and non-printable bytes as \xNN; our values are ASCII, so only
// tabs, control characters and backslashes could need it.
function escapeValue(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x1f\x7f\\]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function formatValue(v: string | number | boolean | null, type: string): string {
  if (v === null) return '-';
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (typeof v === 'number') return type === 'time' || type === 'interval' ? v.toFixed(6) : String(Math.round(v));
  if (v === '') return '(empty)';
  return escapeValue(v);
}

export function formatRecord(kind: LogKind, r: LogRecord): string {
  const cols = LOG_COLUMNS[kind];
  if (r.values.length !== cols.length) throw new Error(`${kind} record has ${r.values.length} values for ${cols.length} columns`);
  return r.values.map((v, i) => formatValue(v, cols[i]![1])).join('\t');
}

/** A whole log file; `closeTs` null = a live file Zeek is still appending to (no #close yet). */
export function formatLog(kind: LogKind, openTs: number, records: readonly LogRecord[], closeTs: number | null): string {
  const cols = LOG_COLUMNS[kind];
  const lines = [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    `#path\t${kind}`,
    `#open\t${zeekStamp(openTs)}`,
    `#fields\t${cols.map((c) => c[0]).join('\t')}`,
    `#types\t${cols.map((c) => c[1]).join('\t')}`,
  ];
  for (const r of records) lines.push(formatRecord(kind, r));
  if (closeTs !== null) lines.push(`#close\t${zeekStamp(closeTs)}`);
  return lines.join('\n') + '\n';
}
