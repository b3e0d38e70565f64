// The ClickHouse site store survives its server being SIGKILLed mid-append: a generated conn.log
// is appended in small batches, the server is killed while appends are in flight (three times),
// restarted on the same data folder, and the append resumes from the stored positions. Every
// pair must then hold exactly the timestamps and byte counts of a SQLite run of the same file:
// nothing lost (positions never run ahead of their events), nothing doubled (re-sent events
// share their (file, ordinal) key).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AppendResult, SiteBatch, SiteStore } from '../db/site/site-store.js';
import { PairExtractor } from '../engine/pairs/extract.js';
import { LocalNetworks } from '../engine/pairs/local-networks.js';
import { DEFAULT_SETTINGS } from '../engine/service/default-settings.js';
import { appendLogToSite } from '../engine/site/append-log.js';
import { findClickHouseServer, startClickHouse } from './support/clickhouse-server.js';
import { writeConnLog } from './support/gen-conn-log.js';
import { clickhouseSite, seriesPoints, sqliteSite } from './support/site-stores.js';

const found = findClickHouseServer();
const ROWS = 40_000;
const BATCH_LINES = 1000;
/**
 * The appends during which the server is killed: some while the events are being sent, one
 * between the events and the position (events stored, position not: they are re-sent).
 */
const KILLS = [
  { at: 4, afterMs: 0 },
  { at: 12, afterMs: 3 },
  { at: 25, afterMs: 15 },
];
const KILL_BETWEEN_AT = 33;

const dir = mkdtempSync(join(tmpdir(), 'bw-site-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Passes appends through, killing the server during the chosen ones. */
class KillDuring implements SiteStore {
  readonly kind = 'clickhouse';
  constructor(
    private readonly inner: SiteStore,
    private readonly onAppend: () => void,
  ) {}
  open = () => this.inner.open();
  append(b: SiteBatch): Promise<AppendResult> {
    const p = this.inner.append(b);
    this.onAppend();
    return p;
  }
  listPairs = (s: string) => this.inner.listPairs(s);
  series: SiteStore['series'] = (k, f, t) => this.inner.series(k, f, t);
  positions = (s: string) => this.inner.positions(s);
  sizeBytes = () => this.inner.sizeBytes();
  close = () => this.inner.close();
}

test(
  'a SIGKILLed clickhouse-server loses and doubles no event: same pairs and series as SQLite',
  { skip: found.binary ? false : `skipped: ${found.reason}`, timeout: 240_000 },
  async (t) => {
    const log = join(dir, 'conn.00:00:00-01:00:00.log');
    writeConnLog(log, { rows: ROWS, pairs: 400, seed: 7, close: true });
    const extractor = new PairExtractor(new LocalNetworks(DEFAULT_SETTINGS.localNetworks));
    const opts = { sensor: 'house', extractor, batchLines: BATCH_LINES };

    const reference = await sqliteSite();
    const server = await startClickHouse(found.binary!);
    try {
      await appendLogToSite(reference.store, log, opts);

      // merges off (they are not kept across a restart): the re-sent rows stay for the reads' dedup to collapse
      const sql = async (q: string): Promise<string> => (await fetch(server.url, { method: 'POST', body: q })).text();
      await sql('SYSTEM STOP MERGES');
      const { database } = await clickhouseSite(server.url);
      let appends = 0;
      let killed = 0;
      let killedBetween = false;
      const pending: Promise<void>[] = [];
      let runs = 0;
      for (;;) {
        runs++;
        // `appends` already counts the append whose events were just written
        const between = async (): Promise<void> => {
          if (appends !== KILL_BETWEEN_AT || killedBetween) return;
          killedBetween = true;
          await server.kill();
          killed++;
        };
        const inner = (await clickhouseSite(server.url, database, { betweenEventsAndPosition: between })).store;
        const store = new KillDuring(inner, () => {
          const n = ++appends;
          const k = KILLS.find((x) => x.at === n);
          if (k) pending.push(new Promise((r) => setTimeout(r, k.afterMs)).then(() => server.kill().then(() => void killed++)));
        });
        try {
          await appendLogToSite(store, log, opts);
          await inner.close();
          break;
        } catch (err) {
          await Promise.all(pending.splice(0));
          assert.ok(killed > 0, `an append failed with no kill: ${(err as Error).message}`);
          await inner.close().catch(() => {});
          await server.restart();
          await sql('SYSTEM STOP MERGES');
        }
        assert.ok(runs <= KILLS.length + 2, 'the append went on failing after the kills');
      }
      await Promise.all(pending);
      assert.equal(killed, KILLS.length + 1, 'the server was killed each time');
      assert.ok(runs > 1, 'at least one kill interrupted an append');

      const ch = (await clickhouseSite(server.url, database)).store;
      try {
        const want = await reference.store.listPairs('house');
        const got = await ch.listPairs('house');
        assert.ok(want.length > 300, `the log gives many pairs (${want.length})`);
        assert.deepEqual(
          got.map((p) => [p.source, p.variant, p.src, p.dst, p.events, p.firstSeen, p.lastSeen]),
          want.map((p) => [p.source, p.variant, p.src, p.dst, p.events, p.firstSeen, p.lastSeen]),
        );
        assert.equal(
          got.reduce((a, p) => a + p.events, 0),
          ROWS,
          'one event per conn row',
        );
        let differ = 0;
        for (const p of want) {
          const key = { sensor: 'house', source: p.source, variant: p.variant, src: p.src, dst: p.dst };
          const [a, b] = await Promise.all([reference.store.series(key, -Infinity, Infinity), ch.series(key, -Infinity, Infinity)]);
          if (JSON.stringify(seriesPoints(a)) !== JSON.stringify(seriesPoints(b))) differ++;
        }
        assert.equal(differ, 0, 'pairs whose series differ from the SQLite run');
        // what the kills left for the reads to count once (re-sent events not merged yet), for the record
        const raw = await sql(`SELECT count() FROM ${database}.events`);
        t.diagnostic(`events rows in the table: ${raw.trim()} (distinct events: ${ROWS}), ${runs} runs for ${killed} kills`);
        assert.ok(Number(raw) > ROWS, 'the kill between events and position left re-sent events for the reads to count once');
        assert.deepEqual(
          (await ch.positions('house')).map((p) => [p.offset, p.events, p.complete]),
          (await reference.store.positions('house')).map((p) => [p.offset, p.events, p.complete]),
        );
      } finally {
        await ch.close();
      }
    } finally {
      await server.stop();
      await reference.dispose();
    }
  },
);
