// `beaconwatch ingest-site`: two sensor folders (Zeek samples, read in place) into a ClickHouse
// site store and into the SQLite one (a folder): the same pairs per sensor in both; a second run
// resumes every file at its stored position and adds nothing; a bad --sensor or --store is named.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ClickHouseSiteStore } from '../db/site/clickhouse-store.js';
import { sensorStoreOpener } from '../db/site/sqlite-sensor-files.js';
import { SqliteSiteStore } from '../db/site/sqlite-site-store.js';
import { EventBatch } from '../engine/ingest/event-batch.js';
import { runCli } from './support/cli.js';
import { findClickHouseServer, startClickHouse, type ClickHouseServer } from './support/clickhouse-server.js';
import { sample, samplesMissing } from './support/samples.js';

const found = findClickHouseServer();
const SENSORS = ['--sensor', `house=${sample('rita', 'proxy')}`, '--sensor', `workshop=${sample('zat')}`];
const dir = mkdtempSync(join(tmpdir(), 'bw-ingest-site-'));
let server: ClickHouseServer | null = null;
before(async () => {
  if (found.binary && !samplesMissing) server = await startClickHouse(found.binary);
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test(
  'ingest-site: two sensors into ClickHouse and into SQLite give the same pairs; a rerun adds nothing',
  { skip: samplesMissing || (found.binary ? false : found.reason), timeout: 180_000 },
  async () => {
    const url = `clickhouse://${server!.url.replace('http://', '')}/bw_cli`;
    const first = await runCli(['ingest-site', '--store', url, ...SENSORS]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^house: \d+ files, [1-9]\d* events stored\nworkshop: \d+ files, [1-9]\d* events stored\n$/);
    const sqliteDir = join(dir, 'site');
    const local = await runCli(['ingest-site', '--store', sqliteDir, ...SENSORS]);
    assert.equal(local.code, 0, local.stderr);
    assert.equal(local.stdout, first.stdout, 'the same events stored per sensor');

    const again = await runCli(['ingest-site', '--store', url, ...SENSORS]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^house: \d+ files, 0 events stored\nworkshop: \d+ files, 0 events stored\n$/);

    const ch = new ClickHouseSiteStore({ url: server!.url, database: 'bw_cli' });
    const sq = new SqliteSiteStore(sensorStoreOpener(sqliteDir), (i) => new EventBatch(i));
    try {
      for (const sensor of ['house', 'workshop']) {
        const [a, b] = [await ch.listPairs(sensor), await sq.listPairs(sensor)];
        assert.ok(a.length > 10, `${sensor} has pairs (${a.length})`);
        assert.deepEqual(a, b, `${sensor}: the same pairs, counts, first and last seen`);
      }
      const sources = new Set((await ch.listPairs('house')).map((p) => p.source));
      assert.deepEqual([...sources].sort(), ['conn', 'dns', 'http', 'ssl']);
    } finally {
      await ch.close();
      await sq.close();
    }
  },
);

test('ingest-site names a bad --sensor and an unreachable or malformed --store', async () => {
  const bad = await runCli(['ingest-site', '--store', join(dir, 'x'), '--sensor', 'house']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /--sensor "house": write --sensor name=DIR/);
  const name = await runCli(['ingest-site', '--store', join(dir, 'x'), '--sensor', `../up=${sample('zat')}`]);
  assert.notEqual(name.code, 0);
  assert.match(name.stderr, /sensor name "..\/up" is not usable/);
  const scheme = await runCli(['ingest-site', '--store', 'postgres://db/x', '--sensor', `a=${sample('zat')}`]);
  assert.match(scheme.stderr, /only clickhouse:\/\/ URLs name a ClickHouse store/);
  const down = await runCli(['ingest-site', '--store', 'clickhouse://127.0.0.1:1/x', '--sensor', `a=${sample('zat')}`]);
  assert.notEqual(down.code, 0);
  assert.match(down.stderr, /cannot open the site store clickhouse:\/\/127\.0\.0\.1:1\/x: .*ECONNREFUSED/);
  const secret = await runCli(['ingest-site', '--store', 'clickhouse://bw:s3cret@127.0.0.1:1/x', '--sensor', `a=${sample('zat')}`]);
  assert.match(secret.stderr, /cannot open the site store clickhouse:\/\/bw:\*\*\*@127\.0\.0\.1:1\/x/);
  assert.doesNotMatch(secret.stderr, /s3cret/);
});
