// Several sensors (issue 22): a store from before sensors migrates with nothing lost, two sensor
// folders holding the same private address give two devices and two findings each naming its
// sensor (scan and the running engine), and a missing folder is that sensor's error only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { migrations } from '../db/migrations/index.js';
import { Store } from '../db/store.js';
import { scan } from '../engine/scan/scan.js';
import { createEngineHost } from '../engine/service/create-host.js';
import { writePeriodicDnsLog } from './support/zeek-fixture.js';
import { EventDetailReader } from '../engine/event-details/read-details.js';

const DEVICE = '192.168.1.10';

/** two sites whose devices share one private address, each beaconing to its own name */
function twoSites(): { tmp: string; house: string; workshop: string } {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-sensors-'));
  const house = join(tmp, 'house');
  const workshop = join(tmp, 'workshop');
  mkdirSync(house);
  mkdirSync(workshop);
  writePeriodicDnsLog(join(house, 'dns.log'), DEVICE, 'house-c2.example.net', 60);
  writePeriodicDnsLog(join(workshop, 'dns.log'), DEVICE, 'shop-c2.example.org', 90);
  return { tmp, house, workshop };
}

test('a version-8 store migrates: existing pairs, scores and devices get the default sensor, nothing lost', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-mig9-'));
  try {
    const file = join(tmp, 'v8.sqlite');
    const v8 = openDatabase(
      file,
      migrations.filter((m) => m.version <= 8),
    );
    assert.equal(v8.prepare('SELECT MAX(version) AS v FROM schema_migrations').pluck().get(), 8);
    v8.prepare(
      `INSERT INTO pairs (id, source, variant, src, dst, direction, first_seen, last_seen, event_count, dismissed) VALUES
      (7, 'dns', 'resolved', '192.168.1.10', 'a.example', 'outbound', 1, 2, 5, 1), (9, 'conn', '', '192.168.1.11', '203.0.113.9', 'outbound', 1, 3, 4, 0)`,
    ).run();
    v8.prepare(`INSERT INTO scores (pair_id, scored_at, score, scores, stats) VALUES (7, 10, 0.9, '{}', '{}')`).run();
    v8.prepare(`INSERT INTO score_history (pair_id, scored_at, score, scores) VALUES (7, 10, 0.9, '{}')`).run();
    v8.prepare(`INSERT INTO pair_traits (pair_id, rows, sent) VALUES (9, 4, 1234)`).run();
    v8.prepare(`INSERT INTO devices (address, host_name, label) VALUES ('192.168.1.10', 'thermostat', 'hall')`).run();
    v8.close();

    const store = Store.open(file);
    try {
      const pairs = store.pairs.listScoredPairs();
      assert.deepEqual(pairs.map((p) => [p.id, p.sensor, p.src, p.dismissed, p.score]).sort(), [
        [7, 'sensor', '192.168.1.10', true, 0.9],
        [9, 'sensor', '192.168.1.11', false, null],
      ]);
      assert.equal(store.db.prepare('SELECT COUNT(*) FROM score_history WHERE pair_id = 7').pluck().get(), 1);
      assert.equal(store.db.prepare('SELECT sent FROM pair_traits WHERE pair_id = 9').pluck().get(), 1234);
      assert.deepEqual(
        store.devices.list().map((d) => [d.sensor, d.address, d.hostName, d.label]),
        [['sensor', '192.168.1.10', 'thermostat', 'hall']],
      );
      // foreign keys still hold: deleting a pair cascades to its score, as before the rebuild
      store.db.prepare('DELETE FROM pairs WHERE id = 7').run();
      assert.equal(store.db.prepare('SELECT COUNT(*) FROM scores').pluck().get(), 0);
      // the same src→dst on another sensor is a pair of its own
      store.db
        .prepare(
          `INSERT INTO pairs (sensor, source, variant, src, dst, direction, first_seen, last_seen) VALUES ('workshop', 'conn', '', '192.168.1.11', '203.0.113.9', 'outbound', 1, 2)`,
        )
        .run();
      assert.equal(store.pairs.counts().pairs, 2);
    } finally {
      store.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('scan of two sensor folders with the same private address: two devices, two findings each naming its sensor', async () => {
  const { tmp, house, workshop } = twoSites();
  try {
    const db = join(tmp, 'scan.sqlite');
    const summary = await scan([], {
      dbFile: db,
      sensors: [
        { name: 'house', dir: house },
        { name: 'workshop', dir: workshop },
      ],
      withStore: (store) => {
        const devices = store.pairs.deviceSightings().filter((d) => d.src === DEVICE);
        assert.deepEqual(devices.map((d) => d.sensor).sort(), ['house', 'workshop'], 'one address on two sensors is two devices');
      },
    });
    const found = summary.views
      .filter((v) => v.src === DEVICE && v.state === 'new')
      .map((v) => [v.sensor, v.dst, v.members.every((m) => m.sensor === v.sensor)]);
    assert.deepEqual(found.sort(), [
      ['house', 'house-c2.example.net', true],
      ['workshop', 'shop-c2.example.org', true],
    ]);
    // a second scan of the same folders into the same store reads no file twice (content fingerprints)
    const again = await scan([], {
      dbFile: db,
      sensors: [
        { name: 'house', dir: house },
        { name: 'workshop', dir: workshop },
      ],
    });
    assert.equal(again.events, summary.events, 'nothing counted twice');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test(
  'the engine follows two sensor folders at once; a missing third folder is that sensor\u2019s error, not the app\u2019s',
  { timeout: 60_000 },
  async () => {
    const { tmp, house, workshop } = twoSites();
    const gone = join(tmp, 'garage');
    const host = await createEngineHost({
      dbFile: join(tmp, 'live.sqlite'),
      mode: 'serve',
      sensors: [`house=${house}`, `workshop=${workshop}`, `garage=${gone}`],
      log: () => undefined,
    });
    try {
      await host.start();
      await host.api.rescoreNow({});
      const list = await host.api.listFindings({});
      const mine = list.findings.filter((f) => f.src === DEVICE).map((f) => [f.sensor, f.dst]);
      assert.deepEqual(mine.sort(), [
        ['house', 'house-c2.example.net'],
        ['workshop', 'shop-c2.example.org'],
      ]);
      const status = await host.api.getStatus({});
      const bySensor = new Map((status.sensors ?? []).map((s) => [s.name, s]));
      assert.deepEqual([...bySensor.keys()], ['house', 'workshop', 'garage']);
      assert.ok(bySensor.get('house')!.events > 0 && bySensor.get('workshop')!.events > 0, 'each sensor says what it read');
      assert.equal(bySensor.get('garage')!.events, 0);
      assert.notEqual(bySensor.get('garage')!.logDir?.state, 'ok', 'the missing folder is the garage sensor\u2019s error');
      assert.equal(status.logDir?.state, 'ok', 'the app as a whole reads logs');
      assert.ok(
        status.problems.some((p) => /^sensor garage: /.test(p.problem)),
        'the problem names its sensor',
      );
      const devices = await host.api.listDevices({});
      assert.deepEqual(
        devices
          .filter((d) => d.address === DEVICE)
          .map((d) => d.sensor)
          .sort(),
        ['house', 'workshop'],
      );
    } finally {
      await host.stop();
      rmSync(tmp, { recursive: true, force: true });
    }
  },
);

test('settings refuse a sensor list that is not name=folder, repeats a name or names a missing folder, in words', { timeout: 30_000 }, async () => {
  const { tmp, house } = twoSites();
  const host = await createEngineHost({ dbFile: join(tmp, 's.sqlite'), mode: 'serve', log: () => undefined });
  try {
    const refused = async (sensors: string[]) => {
      try {
        await host.api.updateSettings({ sensors });
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    };
    assert.match(await refused(['no-equals-sign']), /Sensors: "no-equals-sign" is not name=folder/);
    assert.match(await refused([`a b=${house}`]), /Sensors: sensor name "a b" may use letters/);
    assert.match(await refused([`a=${house}`, `a=${house}`]), /Sensors: sensor name "a" is used twice/);
    assert.match(await refused([`garage=${join(tmp, 'nope')}`]), /Sensors: sensor garage: .*nope does not exist/);
    const ok = await host.api.updateSettings({ sensors: [` house = ${house} `] });
    assert.deepEqual(ok.sensors, [`house=${house}`]);
    // a new sensor list is followed and rescored at once: wait for it before the store closes
    for (let i = 0; i < 200 && (await host.api.getStatus({})).lastRescore === null; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(
      (await host.api.listFindings({})).findings.some((f) => f.sensor === 'house'),
      'the saved sensor is followed',
    );
    const events = (await host.api.getStatus({})).events;
    // renamed (same folder, new name): the stored data moves with it, nothing read twice
    const renamed = await host.api.updateSettings({ sensors: [`home=${house}`] });
    assert.deepEqual(renamed.sensors, [`home=${house}`]);
    const moved = (await host.api.listFindings({})).findings.filter((f) => f.src === DEVICE);
    assert.ok(moved.length > 0 && moved.every((f) => f.sensor === 'home'), JSON.stringify(moved.map((f) => f.sensor)));
    await host.api.rescoreNow({});
    const after = await host.api.getStatus({});
    assert.equal(after.events, events, 'the renamed folder is not read again');
    assert.deepEqual(
      (after.sensors ?? []).map((x) => [x.name, x.events]),
      [['home', events]],
    );
  } finally {
    await host.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('event details of a pair come from its own sensor\u2019s files, never from another site\u2019s same src→dst', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-sensor-details-'));
  try {
    for (const [site, period] of [
      ['house', 60],
      ['shop', 97],
    ] as const) {
      mkdirSync(join(tmp, site));
      writePeriodicDnsLog(join(tmp, site, 'dns.log'), DEVICE, 'same-name.example.net', period);
    }
    await scan([], {
      dbFile: join(tmp, 'd.sqlite'),
      sensors: [
        { name: 'house', dir: join(tmp, 'house') },
        { name: 'shop', dir: join(tmp, 'shop') },
      ],
      withStore: async (store) => {
        const reader = new EventDetailReader((kinds, sensor) => store.logFiles.list(kinds, sensor));
        const pairs = store.pairs.listPairs().filter((p) => p.dst === 'same-name.example.net' && p.variant === 'resolved');
        assert.deepEqual(pairs.map((p) => p.sensor).sort(), ['house', 'shop'], 'one src→dst on two sensors is two pairs');
        for (const p of pairs) {
          const own = new Set(store.pairs.events(p.id, -Infinity, Infinity).ts);
          // asked for the newest 20 times of this pair, plus the other site's newest: only its own are found
          const other = pairs.find((x) => x.id !== p.id)!;
          const targets = [...store.pairs.recentEvents(p.id, 20).map((e) => e.ts), ...store.pairs.recentEvents(other.id, 20).map((e) => e.ts)];
          const details = await reader.read({ pair: p, targets });
          assert.ok(details.events.length > 0, `${p.sensor}: details found`);
          for (const e of details.events) assert.ok(own.has(e.ts), `${p.sensor}: a row at ${e.ts} from another sensor's files`);
        }
      },
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
