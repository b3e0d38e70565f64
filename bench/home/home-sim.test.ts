// The home corpus is only worth its figures if its logs are what Zeek writes and its labels
// tell the truth about them: read every file with the engine's reader, and check the labels
// against the rows.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readZeekLog } from '../../engine/zeek/reader.js';
import { C2_STYLES } from './c2.js';
import { TEST_SEEDS, TRAIN_SEEDS } from './seeds.js';
import { generateHome } from './simulate.js';
import type { HomeLabels } from './labels.js';
import { LOG_COLUMNS, type LogKind } from './zeek-format.js';

const SEED = 3;
let dir: string;
let labels: HomeLabels;
let files: string[];
const rows: Record<string, Record<string, string | null>[]> = {};

function listFiles(root: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const full = join(root, e.name);
    if (e.isDirectory()) out.push(...listFiles(full));
    else if (e.isFile()) out.push(full);
  }
  return out.sort();
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-home-sim-'));
  labels = generateHome(join(dir, 'a'), { seed: SEED, days: 1 }).labels;
  files = [...listFiles(join(dir, 'a', 'logs')), ...listFiles(join(dir, 'a', 'spool'))];
  for (const file of files) {
    const kind = basename(file).split('.')[0] as LogKind;
    const fields = LOG_COLUMNS[kind].map((c) => c[0]);
    const problems: string[] = [];
    const live = !file.endsWith('.gz');
    for await (const b of readZeekLog(file, { fields, final: !live, onProblem: (p) => problems.push(p.problem) })) {
      for (const r of b.rows) (rows[kind] ??= []).push(Object.fromEntries(fields.map((f, i) => [f, r[i] ?? null])));
    }
    assert.deepEqual(problems, [], `${file}: ${problems.join('; ')}`);
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('simulated home', () => {
  it('is in the zeekctl layout with a relative logs/current symlink', () => {
    const current = join(dir, 'a', 'logs', 'current');
    assert.ok(lstatSync(current).isSymbolicLink());
    assert.equal(readlinkSync(current), '../spool/zeek');
    assert.ok(readdirSync(join(dir, 'a', 'spool', 'zeek')).includes('conn.log'));
    const archives = files.filter((f) => f.endsWith('.gz'));
    assert.ok(archives.length >= 23 * 4);
    for (const f of archives) assert.match(f, /\/logs\/\d{4}-\d\d-\d\d\/(conn|dns|ssl|http|dhcp|ntp)\.\d\d:00:00-\d\d:00:00\.log\.gz$/);
    const live = readFileSync(join(dir, 'a', 'spool', 'zeek', 'conn.log'), 'utf8');
    assert.match(
      live,
      /^#separator \\x09\n#set_separator\t,\n#empty_field\t\(empty\)\n#unset_field\t-\n#path\tconn\n#open\t\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\n#fields\tts\tuid\t/,
    );
    assert.doesNotMatch(live, /#close/, 'a live file has no #close yet');
  });

  it('shares uids between conn and the dns/ssl/http/ntp rows it carried', () => {
    const uids = new Set(rows.conn!.map((r) => r.uid));
    for (const kind of ['dns', 'ssl', 'http', 'ntp']) {
      assert.ok((rows[kind] ?? []).length > 0, `${kind} rows`);
      for (const r of rows[kind]!) assert.ok(uids.has(r.uid!), `${kind} uid ${r.uid} in conn`);
    }
    assert.ok((rows.dhcp ?? []).length >= labels.devices.length);
  });

  it('has the size the evaluation relies on', () => {
    assert.ok(labels.devices.length >= 25);
    assert.ok(new Set(labels.devices.map((d) => d.kind)).size >= 10);
    assert.ok(new Set(labels.benign.map((b) => b.kind)).size >= 30);
    assert.ok(new Set(labels.c2.map((c) => c.style)).size >= 10);
    assert.deepEqual([...labels.c2.map((c) => c.style)].sort(), [...C2_STYLES].sort());
    assert.equal(new Set(labels.c2.map((c) => c.src)).size, labels.c2.length, 'one C2 per device');
  });

  it('labels every C2 with what its device really sent', () => {
    const conns = new Set(rows.conn!.map((r) => `${r['id.orig_h']}>${r['id.resp_h']}`));
    for (const c of labels.c2) {
      for (const a of c.addresses) assert.ok(conns.has(`${c.src}>${a}`), `${c.style}: ${c.src} -> ${a} in conn.log`);
      if (c.style === 'dns-c2') {
        const domain = c.names[0]!;
        const qs = rows.dns!.filter((r) => r['id.orig_h'] === c.src && r.query!.endsWith(`.${domain}`));
        assert.ok(qs.length > 10 && qs.some((r) => r.rcode_name === 'NXDOMAIN'), 'random subdomains, some NXDOMAIN');
      } else assert.ok(c.addresses.length > 0, c.style);
    }
    const borrowed = labels.c2.find((c) => c.style === 'borrowed-sni')!;
    const sni = borrowed.names[0]!;
    assert.ok(rows.ssl!.some((r) => r['id.orig_h'] === borrowed.src && r.server_name === sni && r['id.resp_h'] === borrowed.addresses[0]));
    for (const r of rows.dns!)
      if (r.query === sni) for (const a of borrowed.addresses) assert.ok(!(r.answers ?? '').split(',').includes(a), 'never resolved');
    const udp = labels.c2.find((c) => c.style === 'udp123')!;
    const udpRows = rows.conn!.filter((r) => r['id.orig_h'] === udp.src && r['id.resp_h'] === udp.addresses[0]);
    assert.ok(udpRows.length > 10);
    for (const r of udpRows) assert.deepEqual([r.proto, r['id.resp_p'], r.service], ['udp', '123', null]);
  });

  it('is byte-identical for the same seed, and the clean home is the same home', () => {
    generateHome(join(dir, 'b'), { seed: SEED, days: 1 });
    for (const f of files) assert.ok(readFileSync(f).equals(readFileSync(f.replace(join(dir, 'a'), join(dir, 'b')))), f);
    const clean = generateHome(join(dir, 'c'), { seed: SEED, days: 1, c2: false }).labels;
    assert.equal(clean.c2.length, 0);
    assert.deepEqual(clean.devices, labels.devices);
    assert.deepEqual(
      clean.benign.filter((b) => b.kind !== 'router-dns'),
      labels.benign.filter((b) => b.kind !== 'router-dns'),
    );
  });

  it('plants a second copy of one implant on another device: same destination, the same implants otherwise', () => {
    const copy = generateHome(join(dir, 'd'), { seed: SEED, days: 1, copy: true }).labels;
    const second = copy.c2.filter((c) => c.copy);
    assert.equal(second.length, 1);
    const original = labels.c2.find((c) => c.style === second[0]!.style)!;
    assert.notEqual(second[0]!.src, original.src);
    assert.ok(!labels.c2.some((c) => c.src === second[0]!.src), 'a device no other implant runs on');
    assert.deepEqual(second[0]!.names, copy.c2.find((c) => c.style === original.style && !c.copy)!.names);
    // every other implant is the one the plain infected home has
    const strip = (c: HomeLabels['c2'][number]) => ({ ...c, names: [], addresses: [] });
    assert.deepEqual(
      copy.c2.filter((c) => !c.copy && c.style !== original.style).map(strip),
      labels.c2.filter((c) => c.style !== original.style).map(strip),
    );
  });

  it('keeps training and test seeds apart', () => {
    assert.equal(TRAIN_SEEDS.filter((s) => TEST_SEEDS.includes(s)).length, 0);
  });
});
