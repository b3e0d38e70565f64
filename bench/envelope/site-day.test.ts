// The envelope's figures are only worth something if its site day is what a Zeek logger writes
// and holds what was asked for: read every archive with the engine's reader, check the header
// against Zeek's columns, the rotation names, time order, the counts and the devices.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { readZeekLog } from '../../engine/zeek/reader.js';
import { LOG_COLUMNS } from '../home/zeek-format.js';
import { generateSiteDay, SITE_KINDS, type SiteDay, type SiteKind } from './site-day.js';

const DEVICES = 60;
const CONN = 250_000;
let dir: string;
let site: SiteDay;
const rows: Record<SiteKind, Record<string, string | null>[]> = { conn: [], dns: [], http: [], ssl: [] };
const problems: string[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-site-day-'));
  site = generateSiteDay(dir, { devices: DEVICES, connRecords: CONN, seed: 7 });
  for (const file of site.files) {
    const kind = basename(file).split('.')[0] as SiteKind;
    const fields = LOG_COLUMNS[kind].map((c) => c[0]);
    for await (const b of readZeekLog(file, { fields, final: true, onProblem: (p) => problems.push(`${file}: ${p.problem}`) }))
      for (const r of b.rows) rows[kind].push(Object.fromEntries(fields.map((f, i) => [f, r[i] ?? null])));
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('site day', () => {
  it('is one gzip archive per kind and hour, named as the logger rotates, read without a problem', () => {
    assert.deepEqual(problems, []);
    for (const f of site.files) assert.match(f, /\/logs\/\d{4}-\d\d-\d\d\/(conn|dns|http|ssl)\.\d\d:00:00-\d\d:00:00\.log\.gz$/);
    for (const kind of ['conn', 'dns', 'ssl'] as const) assert.equal(site.files.filter((f) => basename(f).startsWith(`${kind}.`)).length, 24, kind);
  });

  it('has Zeek 6 headers with the default columns, a #close, and rows in time order within the hour', () => {
    for (const file of site.files) {
      const kind = basename(file).split('.')[0] as SiteKind;
      const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
      assert.equal(lines[0], '#separator \\x09');
      assert.equal(lines[4], `#path\t${kind}`);
      assert.equal(lines[6], `#fields\t${LOG_COLUMNS[kind].map((c) => c[0]).join('\t')}`);
      assert.equal(lines[7], `#types\t${LOG_COLUMNS[kind].map((c) => c[1]).join('\t')}`);
      assert.match(lines.at(-1)!, /^#close\t\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d$/);
      const hour = Number(/\.(\d\d):00:00-/.exec(file)![1]);
      const ts = lines.slice(8, -1).map((l) => Number(l.split('\t', 1)[0]));
      for (let i = 0; i < ts.length; i++) {
        assert.equal(lines[8 + i]!.split('\t').length, LOG_COLUMNS[kind].length, `${file} line ${9 + i}`);
        if (i > 0) assert.ok(ts[i]! >= ts[i - 1]!, `${file}: row ${i + 1} before row ${i}`);
        assert.equal(Math.floor((ts[i]! - site.start) / 3600), hour, `${file}: a row outside its hour`);
      }
    }
  });

  it('has the conn records asked for (within one home simulation) and counts what it wrote', () => {
    for (const kind of SITE_KINDS) assert.equal(rows[kind].length, site.rows[kind], kind);
    assert.ok(site.rows.conn >= CONN, `${site.rows.conn} conn rows`);
    assert.ok(site.rows.conn < CONN * 1.3, `${site.rows.conn} conn rows`);
    assert.ok(site.homes > site.vlans, 'more traffic than one pass of homes came from further passes');
    assert.ok(site.rows.dns > site.rows.conn / 10 && site.rows.ssl > site.rows.conn / 10 && site.rows.http > 0);
  });

  it('has exactly the devices asked for, one /24 a home, and every dns/http/ssl row joins its conn row', () => {
    assert.equal(site.devices, DEVICES);
    const lan = (a: string | null | undefined): a is string => typeof a === 'string' && a.startsWith('10.');
    const devices = new Set(
      rows.conn
        .map((r) => r['id.orig_h'])
        .filter(lan)
        .filter((a) => !a.endsWith('.1') && !a.endsWith('.255')),
    );
    assert.ok(devices.size <= DEVICES && devices.size >= DEVICES * 0.9, `${devices.size} devices originate traffic`);
    assert.ok(new Set([...devices].map((a) => a.replace(/\.\d+$/, ''))).size === site.vlans);
    // no address of a simulated home leaks through unmapped
    assert.ok(!rows.conn.some((r) => r['id.orig_h']!.startsWith('192.168.') || r['id.resp_h']!.startsWith('192.168.')));
    const uids = new Set(rows.conn.map((r) => r.uid));
    for (const kind of ['dns', 'http', 'ssl'] as const)
      assert.ok(
        rows[kind].every((r) => uids.has(r.uid)),
        kind,
      );
  });

  it('refuses a site without devices, saying so', () => {
    assert.throws(() => generateSiteDay(dir, { devices: 0, connRecords: 10 }), /devices must be a positive integer, got 0/);
  });
});
