// The site store contract (db/site/site-store.ts), the same assertions for the SQLite store and
// for a real clickhouse-server started here (tests/support/clickhouse-server.ts). Without the
// server binary the ClickHouse half is skipped, saying so; .ci/run installs it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SiteStore } from '../db/site/site-store.js';
import { sensorStoreOpener } from '../db/site/sqlite-sensor-files.js';
import { SqliteSiteStore } from '../db/site/sqlite-site-store.js';
import { EventBatch } from '../engine/ingest/event-batch.js';
import { CLICKHOUSE_MIGRATIONS } from '../db/site/clickhouse-schema.js';
import { freshDatabase } from './support/site-stores.js';
import { findClickHouseServer, startClickHouse, type ClickHouseServer } from './support/clickhouse-server.js';
import { clickhouseSite, connEvent, seriesPoints, sqliteSite } from './support/site-stores.js';

const found = findClickHouseServer();
let server: ClickHouseServer | null = null;

interface Kind {
  name: string;
  skip: string | false;
  /** a fresh, empty store and what disposes of it */
  make(): Promise<{ store: SiteStore; again: () => Promise<SiteStore>; dispose: () => Promise<void> }>;
}

const KINDS: Kind[] = [
  {
    name: 'sqlite',
    skip: false,
    async make() {
      const s = await sqliteSite();
      const others: SiteStore[] = [];
      return {
        store: s.store,
        again: async () => {
          const o = new SqliteSiteStore(sensorStoreOpener(s.dir), (i) => new EventBatch(i));
          others.push(o);
          return o;
        },
        dispose: async () => {
          for (const o of others) await o.close();
          await s.dispose();
        },
      };
    },
  },
  {
    name: 'clickhouse',
    skip: found.binary ? false : `ClickHouse half skipped: ${found.reason}`,
    async make() {
      const { store, database } = await clickhouseSite(server!.url);
      const others: SiteStore[] = [];
      return {
        store,
        again: async () => {
          const o = (await clickhouseSite(server!.url, database)).store;
          others.push(o);
          return o;
        },
        dispose: async () => {
          for (const o of [store, ...others]) await o.close();
        },
      };
    },
  },
];

const pos = (events: number, offset = events * 100, fingerprint = 'f1') => ({
  fingerprint,
  kind: 'conn',
  path: '/logs/conn.log',
  offset,
  events,
  complete: false,
});

for (const kind of KINDS) {
  describe(`site store contract: ${kind.name}`, { skip: kind.skip }, () => {
    if (kind.name === 'clickhouse') {
      before(async () => {
        server = await startClickHouse(found.binary!);
      });
      after(async () => server?.stop());
    }

    test('pairs per sensor with counts and first/last seen; a series sorted and bounded by time', async () => {
      const { store, dispose } = await kind.make();
      try {
        // appended out of time order, across two batches
        const a = [connEvent('10.0.0.5', '203.0.113.9', 1_700_000_300.25), connEvent('10.0.0.5', '203.0.113.9', 1_700_000_000.5, 7)];
        const b = [
          connEvent('10.0.0.5', '203.0.113.9', 1_700_000_600.125, 9),
          connEvent('10.0.0.6', 'example.org', 1_700_000_100, 0, {
            source: 'dns',
            variant: 'resolved',
            direction: 'outbound',
            port: 53,
            proto: null,
            service: 'dns',
          }),
          connEvent('10.0.0.6', 'example.org', 1_700_000_101, 0, { source: 'dns', variant: 'domain', port: 53, proto: null, service: 'dns' }),
        ];
        assert.deepEqual(await store.append({ sensor: 'house', events: a, position: pos(2) }), { stored: 2, skipped: 0 });
        await store.append({ sensor: 'house', events: b, position: pos(5) });
        await store.append({ sensor: 'workshop', events: [connEvent('10.0.0.5', '203.0.113.9', 1_700_000_050)], position: pos(1, 80, 'w1') });

        const pairs = await store.listPairs('house');
        assert.deepEqual(
          pairs.map((p) => [p.source, p.variant, p.src, p.dst, p.direction, p.events, p.firstSeen, p.lastSeen]),
          [
            ['conn', null, '10.0.0.5', '203.0.113.9', 'outbound', 3, 1_700_000_000.5, 1_700_000_600.125],
            ['dns', 'domain', '10.0.0.6', 'example.org', 'outbound', 1, 1_700_000_101, 1_700_000_101],
            ['dns', 'resolved', '10.0.0.6', 'example.org', 'outbound', 1, 1_700_000_100, 1_700_000_100],
          ],
        );
        assert.equal((await store.listPairs('workshop')).length, 1, 'the other sensor keeps its own pairs');
        assert.deepEqual(await store.listPairs('nobody'), []);

        const key = { sensor: 'house', source: 'conn' as const, variant: null, src: '10.0.0.5', dst: '203.0.113.9' };
        assert.deepEqual(seriesPoints(await store.series(key, -Infinity, Infinity)), [
          [1_700_000_000.5, 7],
          [1_700_000_300.25, 100],
          [1_700_000_600.125, 9],
        ]);
        const s = await store.series(key, -Infinity, Infinity);
        assert.deepEqual(Array.from(s.ts), [1_700_000_000.5, 1_700_000_300.25, 1_700_000_600.125], 'ascending as returned');
        // inclusive bounds
        assert.deepEqual(Array.from((await store.series(key, 1_700_000_300.25, 1_700_000_600.125)).ts), [1_700_000_300.25, 1_700_000_600.125]);
        assert.equal((await store.series({ ...key, sensor: 'workshop' }, 0, Infinity)).ts.length, 1);
        assert.equal((await store.series({ ...key, dst: '203.0.113.10' }, 0, Infinity)).ts.length, 0);
      } finally {
        await dispose();
      }
    });

    test('names that look like SQL are stored and read back as they are', async () => {
      const { store, dispose } = await kind.make();
      try {
        const dst = "x' OR 1=1 --\\' \\\\ é.example";
        await store.append({ sensor: 'house', events: [connEvent('10.0.0.5', dst, 1_700_000_000)], position: pos(1) });
        // a Zeek TSV name may hold any byte once its \xNN escapes are decoded: tab, newline, \N
        const controls = 'tab\there\nnewline\\N\r.example';
        await store.append({ sensor: 'house', events: [connEvent('10.0.0.7', controls, 1_700_000_001, 5, { proto: 'a\tb' })], position: pos(2) });
        const pairs = await store.listPairs('house');
        assert.deepEqual(pairs.map((p) => p.dst).sort(), [dst, controls].sort());
        assert.deepEqual(
          Array.from((await store.series({ sensor: 'house', source: 'conn', variant: null, src: '10.0.0.7', dst: controls }, 0, Infinity)).bytes),
          [5],
        );
        assert.equal((await store.series({ sensor: 'house', source: 'conn', variant: null, src: '10.0.0.5', dst }, 0, Infinity)).ts.length, 1);
        await assert.rejects(store.append({ sensor: "house'; DROP TABLE x; --", events: [], position: pos(2) }), /sensor name .* is not usable/);
        await assert.rejects(store.listPairs('../etc'), /sensor name "..\/etc" is not usable/);
        assert.equal((await store.listPairs('house')).length, 2, 'nothing stored was lost');
      } finally {
        await dispose();
      }
    });

    test('positions resume; a re-sent batch is not doubled; a hole is refused', async () => {
      const { store, again, dispose } = await kind.make();
      try {
        const ev = Array.from({ length: 15 }, (_, i) => connEvent('10.0.0.5', '198.51.100.1', 1_700_000_000 + i * 60, i));
        await store.append({ sensor: 'house', events: ev.slice(0, 10), position: pos(10, 1000) });
        assert.deepEqual(await store.positions('house'), [pos(10, 1000)]);
        // the same batch again (a crash before the sender saw the reply)
        assert.deepEqual(await store.append({ sensor: 'house', events: ev.slice(0, 10), position: pos(10, 1000) }), { stored: 0, skipped: 10 });
        // re-read from an older position: events 5..14, of which 5..9 are stored
        assert.deepEqual(await store.append({ sensor: 'house', events: ev.slice(5, 15), position: pos(15, 1500) }), { stored: 5, skipped: 5 });
        assert.deepEqual(
          (await store.positions('house')).map((p) => [p.offset, p.events]),
          [[1500, 15]],
        );
        // a batch that starts past the stored position would leave events 15..19 out
        await assert.rejects(
          store.append({ sensor: 'house', events: [connEvent('10.0.0.5', '198.51.100.1', 1_700_009_000)], position: pos(21, 2100) }),
          /starts at event 20 but the store holds 15 events .* missing/,
        );
        await assert.rejects(store.append({ sensor: 'house', events: ev, position: pos(3) }), /fewer than the 15 events/);
        const key = { sensor: 'house', source: 'conn' as const, variant: null, src: '10.0.0.5', dst: '198.51.100.1' };
        assert.deepEqual(
          Array.from((await store.series(key, 0, Infinity)).ts),
          ev.map((e) => e.ts),
        );
        assert.equal((await store.listPairs('house'))[0]!.events, 15);

        // a second writer of the same file that has not seen the other's appends
        const other = await again();
        assert.deepEqual(
          (await other.positions('house')).map((p) => p.events),
          [15],
        );
        const more = Array.from({ length: 5 }, (_, i) => connEvent('10.0.0.5', '198.51.100.1', 1_700_010_000 + i, 1));
        await other.append({ sensor: 'house', events: more.slice(0, 3), position: pos(18, 1800) });
        await store.append({ sensor: 'house', events: more, position: pos(20, 2000) });
        assert.equal((await other.series(key, 0, Infinity)).ts.length, 20, 'the events both sent are stored once');
        assert.equal((await store.listPairs('house'))[0]!.events, 20);
        assert.deepEqual(
          (await store.positions('house')).map((p) => [p.offset, p.events]),
          [[2000, 20]],
        );
        assert.deepEqual(await store.positions('workshop'), []);
      } finally {
        await dispose();
      }
    });

    test('opening again keeps what is stored', async () => {
      const { store, again, dispose } = await kind.make();
      try {
        await store.append({ sensor: 'house', events: [connEvent('10.0.0.5', '203.0.113.9', 1_700_000_000)], position: pos(1) });
        const reopened = await again();
        await reopened.open();
        assert.equal((await reopened.listPairs('house')).length, 1);
        assert.ok((await reopened.sizeBytes()) >= 0);
      } finally {
        await dispose();
      }
    });
  });
}

test(
  'ClickHouse schema migrations run once each; a database migrated by a newer Beaconwatch is refused',
  { skip: found.binary ? false : `skipped: ${found.reason}` },
  async () => {
    const own = await startClickHouse(found.binary!);
    try {
      const database = freshDatabase();
      // a migration that fails if it runs twice (the column would exist already)
      const next = [...CLICKHOUSE_MIGRATIONS, { version: 2, name: 'uid', statements: ["ALTER TABLE {db}.events ADD COLUMN uid String DEFAULT ''"] }];
      for (let i = 0; i < 2; i++) {
        const s = (await clickhouseSite(own.url, database, { migrations: next })).store;
        await s.append({ sensor: 'house', events: [connEvent('10.0.0.5', '203.0.113.9', 1_700_000_000 + i)], position: pos(i + 1) });
        await s.close();
      }
      await assert.rejects(clickhouseSite(own.url, database), /schema version 2, newer than this Beaconwatch \(1\): upgrade it/);
      const s = (await clickhouseSite(own.url, database, { migrations: next })).store;
      assert.equal((await s.listPairs('house'))[0]!.events, 2, 'what was stored stays');
      await s.close();
    } finally {
      await own.stop();
    }
  },
);
