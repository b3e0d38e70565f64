// Values written into ClickHouse SQL text. ClickHouse 18.16 has no query parameters (the client's
// `query_params` become `param_*` settings it does not know), so every value is quoted here.

/** A ClickHouse string literal: backslash and quote escaped (the server reads C-style escapes). */
export function str(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A String value in a TabSeparated row: backslash, tab and line ends escaped. */
export function tsv(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => TSV_ESCAPES[c]!) : s;
}
const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A finite number as SQL text; infinities become the widest finite bounds. */
export function num(n: number): string {
  if (Number.isNaN(n)) throw new Error('NaN is not a usable bound');
  if (n === Infinity) return '1e308';
  if (n === -Infinity) return '-1e308';
  return String(n);
}

/** A database name: an identifier, so it can stand unquoted before `.events`. */
export function checkDatabaseName(db: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(db))
    throw new Error(`ClickHouse database name ${JSON.stringify(db)} is not usable: letters, digits and '_'`);
  return db;
}

export interface ClickHouseTarget {
  /** the server's HTTP interface, e.g. http://127.0.0.1:8123 */
  url: string;
  database: string;
  username?: string;
  password?: string;
}

/** `clickhouse://[user[:password]@]host[:port]/database` (port 8123, database beaconwatch by default). */
export function parseClickHouseUrl(text: string): ClickHouseTarget {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new Error(`store ${JSON.stringify(text)} is not a URL: write clickhouse://host:8123/database`);
  }
  if (u.protocol !== 'clickhouse:') throw new Error(`store ${JSON.stringify(text)}: only clickhouse:// URLs name a ClickHouse store`);
  if (!u.hostname) throw new Error(`store ${JSON.stringify(text)} names no host: write clickhouse://host:8123/database`);
  const database = checkDatabaseName(decodeURIComponent(u.pathname.replace(/^\//, '')) || 'beaconwatch');
  const host = u.hostname.includes(':') && !u.hostname.startsWith('[') ? `[${u.hostname}]` : u.hostname;
  return {
    url: `http://${host}:${u.port || '8123'}`,
    database,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}
