// `beaconwatch long [--db FILE]`: RITA's long connections from a store (the app's, or one a
// `scan --db` kept): the longest single connections and the pairs with the longest summed
// durations, with bytes. A tunnel held open for hours is C2 even though it never repeats.
import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { Store } from '../../db/store.js';
import type { LongConnection } from '../contract/values.js';
import { LONG_DEFAULT_LIMIT, longConnections } from '../findings/long-connections.js';
import { formatBytes } from '../text/bytes.js';
import { formatDuration } from '../text/describe.js';
import { terminalSafeJson } from '../text/terminal-safe.js';
import { iso, safeText } from './format.js';
import { longConnectionsCsv } from '../contract/csv.js';

interface LongFlags {
  db?: string;
  limit: number;
  all?: boolean;
  json?: boolean;
  csv?: boolean;
}

function parseLimit(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError(`"${v}" is not a whole number from 1 to 1000`);
  return n;
}

/** `defaultDb`: the app database's path, read when --db is not given */
export function registerLongCommand(program: Command, openStore: (dbFile: string) => Store, defaultDb: () => string): void {
  program
    .command('long')
    .description("long connections (RITA's): the longest-lived connections and the pairs with the longest summed durations, with bytes")
    .option('--db <file>', 'SQLite database file to read (default: the app database; or one kept by `scan --db`)')
    .option('--limit <n>', 'rows per list (1-1000)', parseLimit, 20)
    .option('--all', 'inbound and external pairs too (default: outbound and local only)')
    .option('--json', 'print one JSON object: {longest: [...], cumulative: [...]}')
    .option('--csv', "print CSV: both lists, the first column says which (the app's Export CSV has the same columns)")
    .action((flags: LongFlags) => {
      const file = flags.db ?? defaultDb();
      // a list read from a store that is not there would quietly make an empty one
      if (!existsSync(file))
        throw new Error(
          `no database at ${file}${flags.db ? '' : ' (the app has stored nothing yet)'}: \`scan --db FILE\` keeps one, or pass the app's with --db`,
        );
      const store = openStore(file);
      try {
        const view = longConnections(store, { limit: flags.limit ?? LONG_DEFAULT_LIMIT, includeInbound: flags.all ?? false });
        if (flags.csv) {
          process.stdout.write(longConnectionsCsv(view));
          return;
        }
        if (flags.json) {
          const rows = (list: LongConnection[]) => list.map(longJson);
          process.stdout.write(`${terminalSafeJson(JSON.stringify({ longest: rows(view.longest), cumulative: rows(view.cumulative) }))}\n`);
          return;
        }
        if (view.longest.length === 0) {
          process.stdout.write(
            `No connection with a duration in ${safeText(store.file)}${flags.all ? '' : ' (outbound and local; --all for every direction)'}: conn.log's duration is what this list reads.\n`,
          );
          return;
        }
        process.stdout.write(
          `Longest connections\n${longTable(view.longest, 'single')}\n\nLongest in total (all connections of a pair)\n${longTable(view.cumulative, 'total')}\n`,
        );
      } finally {
        store.close();
      }
    });
}

function longJson(c: LongConnection): Record<string, unknown> {
  return {
    pair: c.pairId,
    finding: c.findingId,
    src: c.src,
    device: c.deviceName,
    dst: c.dst,
    dst_names: c.dstNames,
    direction: c.direction,
    port: c.port,
    proto: c.proto,
    service: c.service,
    longest_s: c.longestS,
    longest_at: c.longestAt === null ? null : iso(c.longestAt),
    longest_bytes: c.longestBytes,
    total_s: c.totalS,
    connections: c.connections,
    sent_bytes: c.sent,
    received_bytes: c.received,
    first_seen: iso(c.firstSeen),
    last_seen: iso(c.lastSeen),
  };
}

function longTable(list: readonly LongConnection[], by: 'single' | 'total'): string {
  const head = by === 'single' ? ['longest', 'bytes', 'started', 'device', 'talks to'] : ['total', 'conns', 'sent', 'received', 'device', 'talks to'];
  const rows = list.map((c) => {
    const device = safeText(c.deviceName ? `${c.deviceName} (${c.src})` : c.src);
    const to = safeText(`${c.dstNames[0] ? `${c.dstNames[0]} (${c.dst})` : c.dst}${c.port !== null ? ` ${c.proto ?? ''}/${c.port}` : ''}`);
    return by === 'single'
      ? [
          formatDuration(c.longestS),
          formatBytes(c.longestBytes ?? 0),
          c.longestAt === null ? '-' : (iso(c.longestAt) ?? '-').slice(0, 16).replace('T', ' '),
          device,
          to,
        ]
      : [formatDuration(c.totalS), c.connections.toLocaleString('en-US'), formatBytes(c.sent), formatBytes(c.received), device, to];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}
