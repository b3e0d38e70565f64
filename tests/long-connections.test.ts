// RITA's long connections (engine/findings/long-connections.ts) through the API the UI calls and
// `beaconwatch long`: on stratosphere/003 (an Android RAT that holds long sessions to its C2)
// and on a written conn.log with a tunnel held open five hours that never repeats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseApiArg } from '../engine/contract/api.js';
import { createApi } from '../engine/service/api-impl.js';
import { EngineRuntime } from '../engine/service/runtime.js';
import { scan } from '../engine/scan/scan.js';
import { runCli } from './support/cli.js';
import { LONG_CSV_COLUMNS } from '../engine/contract/csv.js';
import { sample, samplesMissing } from './support/samples.js';
import { CONN_FIELDS, tlsConnRow, writeZeekLog } from './support/zeek-tsv.js';

const T0 = 1_795_000_000;

test(
  "stratosphere/003: the RAT's session to 147.32.83.234:1337 is the longest connection; the API and `long --json` agree",
  { skip: samplesMissing, timeout: 180_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-long-'));
    const db = join(dir, 'store.sqlite');
    try {
      await scan([sample('stratosphere/003-zeek-scenario-malicious')], { dbFile: db });
      const rt = new EngineRuntime({ dbFile: db, mode: 'serve' });
      try {
        const api = createApi(rt);
        const view = await api.listLongConnections({});
        const top = view.longest[0]!;
        assert.equal(`${top.src} ${top.dst} ${top.proto}/${top.port}`, '10.8.0.61 147.32.83.234 tcp/1337');
        assert.ok(top.longestS > 30 * 60 && top.longestS < 45 * 60, `longest ${top.longestS} s`);
        assert.ok(top.longestAt !== null && top.longestBytes !== null && top.longestBytes > 100_000, JSON.stringify(top));
        assert.ok(top.findingId !== null, 'linked to its finding');
        // sent ≫ received over the pair's life: the RAT uploads
        assert.ok(top.sent > 1000 * top.received, `sent ${top.sent}, received ${top.received}`);
        for (const list of [view.longest, view.cumulative]) {
          assert.ok(list.length > 5);
          for (const c of list) assert.ok(c.direction === 'outbound' || c.direction === 'local', c.direction);
        }
        for (let i = 1; i < view.longest.length; i++) assert.ok(view.longest[i - 1]!.longestS >= view.longest[i]!.longestS);
        for (let i = 1; i < view.cumulative.length; i++) assert.ok(view.cumulative[i - 1]!.totalS >= view.cumulative[i]!.totalS);
        for (const c of view.cumulative) assert.ok(c.totalS >= c.longestS && c.connections >= 1);
        assert.ok(view.cumulative.some((c) => c.pairId === top.pairId));
        assert.equal((await api.listLongConnections({ limit: 3 })).longest.length, 3);
        assert.throws(() => parseApiArg('listLongConnections', { limit: 0 }), /listLongConnections: limit/);

        const cli = await runCli(['long', '--db', db, '--json', '--limit', '5']);
        assert.equal(cli.code, 0, cli.stderr);
        const json = JSON.parse(cli.stdout) as { longest: { pair: number; longest_s: number; sent_bytes: number }[] };
        assert.equal(json.longest.length, 5);
        assert.equal(json.longest[0]!.pair, top.pairId);
        assert.equal(json.longest[0]!.longest_s, top.longestS);
        // --csv: both lists, the app's Export CSV columns, the RAT's session first
        const csv = await runCli(['long', '--db', db, '--csv', '--limit', '5']);
        assert.equal(csv.code, 0, csv.stderr);
        const lines = csv.stdout.trimEnd().split('\r\n');
        assert.equal(lines[0], LONG_CSV_COLUMNS.join(','));
        assert.equal(lines.length, 1 + 5 + Math.min(5, view.cumulative.length));
        const first = lines[1]!.split(',');
        assert.deepEqual([first[0], Number(first[1]), first[5]], ['longest', top.pairId, '147.32.83.234']);
        const table = await runCli(['long', '--db', db]);
        assert.equal(table.code, 0, table.stderr);
        assert.match(
          table.stdout,
          /^Longest connections\nlongest +bytes +started +device +talks to\n\d+ min .*10\.8\.0\.61 +147\.32\.83\.234 tcp\/1337\n/,
        );
        assert.match(table.stdout, /\nLongest in total \(all connections of a pair\)\ntotal +conns +sent +received/);
        // a store that is not there is an error naming it, and is not made
        const missing = join(dir, 'none.sqlite');
        const none = await runCli(['long', '--db', missing]);
        assert.equal(none.code, 1);
        assert.match(none.stderr, /no database at .*none\.sqlite: `scan --db FILE` keeps one/);
        assert.equal(existsSync(missing), false);
        assert.match(
          (await runCli(['long', '--db', db, '--limit', '0'])).stderr,
          /'--limit <n>' argument '0' is invalid\. "0" is not a whole number from 1 to 1000/,
        );
      } finally {
        await rt.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('a tunnel held open five hours that never repeats heads the list; inbound only with includeInbound', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-long-'));
  const db = join(dir, 'store.sqlite');
  const row = (i: number, src: string, dst: string, duration: number, orig: number, resp: number) =>
    tlsConnRow(i, T0 + i * 1000, src, dst, duration, orig, resp);
  try {
    writeZeekLog(join(dir, 'conn.log'), 'conn', CONN_FIELDS, [
      row(0, '192.168.1.20', '203.0.113.5', 5 * 3600, 8_000_000, 90_000),
      row(1, '192.168.1.21', '198.51.100.3', 2 * 3600, 1_000, 2_000),
      row(2, '192.168.1.21', '198.51.100.3', 1.5 * 3600, 1_000, 2_000),
      row(3, '192.168.1.22', '198.51.100.4', 30, 10, 20),
      row(4, '203.0.113.99', '192.168.1.30', 9 * 3600, 10, 20), // inbound
    ]);
    await scan([join(dir, 'conn.log')], { dbFile: db });
    const rt = new EngineRuntime({ dbFile: db, mode: 'serve' });
    try {
      const api = createApi(rt);
      const v = await api.listLongConnections({});
      assert.deepEqual(
        v.longest.map((c) => [c.dst, c.longestS, c.longestBytes]),
        [
          ['203.0.113.5', 18000, 8_090_000],
          ['198.51.100.3', 7200, 3_000],
          ['198.51.100.4', 30, 30],
        ],
      );
      assert.deepEqual(
        v.cumulative.map((c) => [c.dst, c.totalS, c.connections, c.sent, c.received]),
        [
          ['203.0.113.5', 18000, 1, 8_000_000, 90_000],
          ['198.51.100.3', 12600, 2, 2_000, 4_000],
          ['198.51.100.4', 30, 1, 10, 20],
        ],
      );
      // one connection is no timer: not an alert, yet it heads this list (and links to its page)
      const page = await api.getPair({ pairId: v.longest[0]!.findingId! });
      assert.notEqual(page.finding.state, 'new');
      const all = await api.listLongConnections({ includeInbound: true });
      assert.equal(all.longest[0]!.src, '203.0.113.99');
      assert.equal(all.longest[0]!.direction, 'inbound');
    } finally {
      await rt.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
