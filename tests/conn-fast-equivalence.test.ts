// The byte-level conn path (engine/ingest/conn-fast.ts) must store exactly what the general path
// (reader rows → PairExtractor.extract → EventBatch.add) stores. Every conn sample under
// ../shared/zeek-samples is ingested both ways into two stores, which are compared row by row:
// pairs, each pair's events (time and bytes, in order), address names and name evidence,
// devices, log_files positions and the pairs' traits (bytes each way, durations). Also a group ingest of missing_host's many small archives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Store } from '../db/store.js';
import { decode } from '../db/event-chunks.js';
import { findLogs } from '../engine/ingest/find-logs.js';
import { IngestGroup, ingestFile } from '../engine/ingest/ingest-file.js';
import { PairExtractor } from '../engine/pairs/extract.js';
import { DEFAULT_LOCAL_NETWORKS, LocalNetworks } from '../engine/pairs/local-networks.js';
import { classifyLogFile } from '../engine/zeek/log-names.js';

const SAMPLES = fileURLToPath(new URL('../../shared/zeek-samples', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'bw-equiv-'));
let serial = 0;

/** Ingest files into a fresh store, fast path on or off; returns the store's contents and errors. */
async function ingestAll(files: readonly string[], fast: boolean, grouped: boolean): Promise<{ dump: Record<string, unknown[]>; errors: string[] }> {
  const store = Store.open(join(work, `s${serial++}.sqlite`));
  const errors: string[] = [];
  try {
    const extractor = new PairExtractor(new LocalNetworks(DEFAULT_LOCAL_NETWORKS));
    const group = grouped ? new IngestGroup(store.ingest) : undefined;
    for (const f of files) {
      try {
        await ingestFile(f, store.ingest, extractor, {
          final: true,
          connFastPath: fast,
          ...(group ? { group } : {}),
          onProblem: (p) => errors.push(`${p.file}: ${p.problem}`),
        });
      } catch (err) {
        errors.push(`${f}: ${(err as Error).message}`);
      }
    }
    group?.flush();
    return { dump: dump(store), errors };
  } finally {
    store.close();
  }
}

function dump(store: Store): Record<string, unknown[]> {
  const all = (sql: string) => store.db.prepare(sql).raw().all() as unknown[][];
  const pairs = all(
    'SELECT id, source, variant, src, dst, direction, port, proto, service, first_seen, last_seen, event_count FROM pairs ORDER BY source, variant, src, dst',
  );
  const events = new Map<number, { ts: number[]; bytes: number[] }>();
  for (const [pairId, ts, bytes] of all('SELECT pair_id, ts, bytes FROM event_chunks ORDER BY pair_id, first_ts, id') as [number, Buffer, Buffer][]) {
    let e = events.get(pairId);
    if (!e) events.set(pairId, (e = { ts: [], bytes: [] }));
    e.ts.push(...decode(ts));
    e.bytes.push(...decode(bytes));
  }
  // events by pair key (ids may differ in principle), sorted by time then bytes (chunk order is free)
  const perPair = pairs.map(([id, ...key]) => {
    const e = events.get(id as number) ?? { ts: [], bytes: [] };
    const order = e.ts.map((_, i) => i).sort((a, b) => e.ts[a]! - e.ts[b]! || e.bytes[a]! - e.bytes[b]!);
    return [key.slice(0, 4).join('|'), e.ts.length, order.map((i) => `${e.ts[i]}:${e.bytes[i]}`).join(',')];
  });
  return {
    pairs: pairs.map(([, ...rest]) => rest),
    events: perPair,
    address_names: all('SELECT src, address, name, last_seen FROM address_names ORDER BY 1, 2, 3'),
    dns_answers: all('SELECT name, address, first_seen, last_seen, ttl FROM dns_answers ORDER BY 1, 2'),
    name_claims: all('SELECT src, address, name, how, first_seen, last_seen FROM name_claims ORDER BY 1, 2, 3, 4'),
    dns_resolvers: all('SELECT src, server, first_seen, last_seen, responses FROM dns_resolvers ORDER BY 1, 2'),
    dhcp_servers: all('SELECT server, first_seen, last_seen FROM dhcp_servers ORDER BY 1'),
    devices: all('SELECT address, host_name, mac, seen_at FROM devices ORDER BY 1'),
    log_files: all('SELECT fingerprint, kind, path, offset, lines, events, complete FROM log_files ORDER BY 1'),
    // bytes each way and durations (engine/ingest/trait-batch.ts), by pair key
    pair_traits: all(
      `SELECT p.source, p.variant, p.src, p.dst, t.rows, t.sent, t.received, t.durations, t.duration_sum, t.duration_max, t.longest_ts, t.longest_bytes, t.mismatches
       FROM pair_traits t JOIN pairs p ON p.id = t.pair_id ORDER BY 1, 2, 3, 4`,
    ),
  };
}

async function assertSame(files: readonly string[], grouped: boolean, label: string): Promise<void> {
  const fast = await ingestAll(files, true, grouped);
  const general = await ingestAll(files, false, grouped);
  assert.deepEqual(fast.errors, general.errors, `${label}: problems and errors`);
  for (const table of Object.keys(general.dump)) {
    assert.deepEqual(fast.dump[table], general.dump[table], `${label}: ${table} differ`);
  }
}

const present = existsSync(SAMPLES);
const connFiles = present ? (await findLogs([SAMPLES])).filter((f) => classifyLogFile(f)?.kind === 'conn') : [];

test(
  'conn fast path = general path on every conn sample',
  { timeout: 600_000, skip: present ? false : `no samples folder at ${SAMPLES}` },
  async (t) => {
    assert.ok(connFiles.length > 0, 'conn samples found');
    for (const f of connFiles) {
      await t.test(relative(SAMPLES, f), async () => {
        await assertSame([f], false, relative(SAMPLES, f));
      });
    }
  },
);

test(
  'conn fast path = general path on missing_host read as one group (a scan)',
  { timeout: 600_000, skip: present ? false : `no samples folder at ${SAMPLES}` },
  async () => {
    const dir = join(SAMPLES, 'rita', 'missing_host');
    const files = (await findLogs([dir])).filter((f) => classifyLogFile(f)?.kind === 'conn');
    assert.ok(files.length > 0);
    await assertSame(files, true, 'missing_host (group)');
  },
);

test.after(() => rmSync(work, { recursive: true, force: true }));
