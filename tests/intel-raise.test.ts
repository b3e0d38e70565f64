// Threat intelligence only raises (GUIDE §6): a feed hit raises the finding and names the feed,
// the entry and the list's age; a quiet pair a feed lists still surfaces as "known C2 address
// contacted"; a miss changes nothing — checked on hand-made rows and on a real capture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import type { FindingView } from '../engine/contract/api.js';
import { buildFindings } from '../engine/findings/build.js';
import { listFindings } from '../engine/service/views.js';
import { IntelIndex, type LoadedFeed } from '../engine/intel/match.js';
import { parseFeed } from '../engine/intel/parse.js';
import { scan } from '../engine/scan/scan.js';
import { Store } from '../db/store.js';
import { importFeedFile } from '../engine/intel/update.js';
import { registerIntelCommand } from '../engine/cli/intel-command.js';
import { findingsTable } from '../engine/cli/format.js';
import { planAlerts } from '../engine/alerts/plan.js';
import { DAY, evidence, pair, viewContext } from './support/finding-rows.js';

const noRules = () => null;
const HOUR_AGO = Date.now() - 3 * 3600 * 1000;
const feed = (name: string, text: string, fetchedAt = HOUR_AGO): LoadedFeed => ({
  name,
  fetchedAt,
  entries: parseFeed(name === 'feodo' ? 'feodo' : 'plain', text).entries,
});
const FEODO = `# "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"
"2026-11-02 07:44:46","203.0.113.66","443","online","2026-12-06","Dridex"
`;

/** What a reader compares: everything a finding shows. */
const shown = (vs: FindingView[]) =>
  vs.map((v) => ({ id: v.findingId, dst: v.dst, score: v.score, logOdds: v.logOdds, state: v.state, reasons: v.reasons, intel: v.intel }));

function rows() {
  return [
    pair({ source: 'conn', dst: '203.0.113.66' }, 1440, 0.6),
    pair({ source: 'conn', dst: '198.51.100.7' }, 1440, 0.95),
    pair({ source: 'dns', variant: 'resolved', dst: 'a.evil-updates.net', port: 53 }, 96, 0.5),
    pair({ source: 'ssl', dst: 'cdn.example.org' }, 96, 0.4),
    // quiet: two connections, not periodic
    pair({ source: 'conn', dst: '192.0.2.44' }, 2, 0),
  ];
}

test('a feed hit raises its finding, names feed, entry, first seen and age; a miss changes nothing', () => {
  const r = rows();
  const plain = buildFindings(r, viewContext(evidence({}), noRules));
  const missCtx = { ...viewContext(evidence({}), noRules), intel: new IntelIndex([feed('mine', '203.0.113.99\nnot-here.example\n10.99.0.0/16\n')]) };
  const miss = buildFindings(r, missCtx);
  // absence lowers nothing, raises nothing: every finding reads as without the feed
  assert.deepEqual(shown(miss), shown(plain));

  const hitCtx = {
    ...viewContext(evidence({}), noRules),
    intel: new IntelIndex([feed('feodo', FEODO), feed('folder:mine.txt', 'evil-updates.net\n192.0.2.0/24\n')]),
  };
  const hit = buildFindings(r, hitCtx);
  const by = (vs: FindingView[], dst: string) => vs.find((v) => v.dst === dst)!;
  const c2 = by(hit, '203.0.113.66');
  assert.ok(c2.score > by(plain, '203.0.113.66').score, `raised: ${by(plain, '203.0.113.66').score} → ${c2.score}`);
  assert.ok(c2.logOdds > by(plain, '203.0.113.66').logOdds);
  assert.equal(c2.state, 'new');
  assert.equal(c2.intel?.label, 'known C2 address contacted');
  assert.match(c2.reasons[0]!.text, /^Feodo Tracker lists 203\.0\.113\.66 as Dridex C2 \(first seen 2026-11-02\); list fetched 3 h ago$/);
  assert.equal(c2.reasons[0]!.effect, 'raises');
  // a name by its registered domain: the feed lists evil-updates.net, the device asked for a.evil-updates.net
  const dns = by(hit, 'a.evil-updates.net');
  assert.equal(dns.intel?.label, 'known C2 name contacted');
  assert.match(dns.reasons[0]!.text, /folder:mine\.txt lists evil-updates\.net \(covering a\.evil-updates\.net\)/);
  // the others are untouched
  for (const dst of ['198.51.100.7', 'cdn.example.org']) assert.deepEqual(shown([by(hit, dst)]), shown([by(plain, dst)]));
});

test('a quiet pair a feed lists (too few events to be periodic) still surfaces: its own state, in the list, the CLI and alerts', () => {
  const r = rows();
  const ctx = { ...viewContext(evidence({}), noRules), intel: new IntelIndex([feed('folder:mine.txt', '192.0.2.0/24\n')]) };
  const without = listFindings(r, viewContext(evidence({}), noRules), {});
  assert.equal(
    without.findings.some((f) => f.dst === '192.0.2.44'),
    false,
    'without the feed, two connections are no finding',
  );
  const list = listFindings(r, ctx, {});
  const quiet = list.findings.find((f) => f.dst === '192.0.2.44');
  assert.ok(quiet, 'listed by default, below the threshold');
  assert.equal(quiet.state, 'new');
  assert.equal(quiet.score, 0, 'the timing evidence is what it is: no periodicity is invented');
  assert.equal(quiet.intel?.matches[0]?.value, '192.0.2.0/24');
  assert.match(
    findingsTable([quiet], { wide: true }),
    /known C2 address contacted(?: \(since start\))?: folder:mine\.txt lists 192\.0\.2\.0\/24 \(covering 192\.0\.2\.44\)/,
  );
  const [alert] = planAlerts([quiet]);
  assert.equal(alert!.title, 'Beaconwatch: known C2 contacted');
  assert.match(alert!.message, /192\.0\.2\.44: .*folder:mine\.txt lists 192\.0\.2\.0\/24/);
  // the owner's dismissal still holds: intel raises, it does not overrule the owner
  const dismissed = r.map((p) => (p.dst === '192.0.2.44' ? { ...p, dismissed: true } : p));
  assert.equal(buildFindings(dismissed, ctx).find((f) => f.dst === '192.0.2.44')!.state, 'dismissed');
  void DAY;
});

const SAMPLE = '../shared/zeek-samples/stratosphere/001-zeek-scenario-malicious/conn.log';
const BEACON = '41.108.179.197'; // NjRAT C2 (the sample's ground truth)
const QUIET = '54.247.115.15'; // three connections in the capture

test('on a real capture: the known beacon named by a plain list rises with the reason; a quiet address surfaces; the scan without the list is unchanged', async (t) => {
  if (!existsSync(SAMPLE)) return t.skip(`${SAMPLE} not found`);
  const dir = mkdtempSync(join(tmpdir(), 'bw-intel-scan-'));
  try {
    const list = join(dir, 'c2.txt');
    writeFileSync(list, `# my list\n${BEACON}\n54.247.115.0/24\n`);
    const missList = join(dir, 'other.txt');
    writeFileSync(missList, '# nothing in this capture\n203.0.113.1\nnot-in-capture.example\n');
    const db = join(dir, 'bw.sqlite');
    const store = Store.open(db);
    importFeedFile(store.intel, list, { name: 'mine' });
    store.close();

    const before = (await scan([SAMPLE])).views;
    const withFeed = (await scan([SAMPLE], { dbFile: db })).views;
    const withMiss = (await scan([SAMPLE], { intelFeeds: [feed('other', '203.0.113.1\nnot-in-capture.example\n')] })).views;
    const by = (vs: FindingView[], dst: string) => vs.find((v) => v.dst === dst)!;

    assert.deepEqual(shown(withMiss), shown(before), 'a feed that lists nothing here changes no finding');
    const b0 = by(before, BEACON);
    const b1 = by(withFeed, BEACON);
    assert.ok(b1.score > b0.score && b1.logOdds > b0.logOdds, `${b0.score} → ${b1.score}`);
    assert.match(b1.reasons[0]!.text, new RegExp(`^mine lists ${BEACON.replace(/\./g, '\\.')}; list fetched just now$`));
    assert.equal(b1.intel?.label, 'known C2 address contacted');
    assert.equal(by(before, QUIET).state, 'seen');
    assert.equal(by(withFeed, QUIET).state, 'new');
    // everything no feed lists reads the same
    const other = (vs: FindingView[]) => shown(vs.filter((v) => v.dst !== BEACON && v.dst !== QUIET));
    assert.deepEqual(other(withFeed), other(before));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Run `beaconwatch <args>` in-process with the intel command. */
async function run(dbDir: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const program = new Command('beaconwatch');
  program.exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerIntelCommand(program, (file) => Store.open(file ?? join(dbDir, 'default.sqlite')));
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: 0, out, err };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, out, err };
    throw e;
  }
}

test('CLI: intel import, list and set through the program; a bad file exits 1 naming the problem and keeps the feed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-intel-cli-'));
  try {
    const db = join(dir, 'x.sqlite');
    const file = join(dir, 'ipblocklist.csv');
    writeFileSync(file, `# abuse.ch Feodo Tracker Botnet C2 IP Blocklist (CSV)\n${FEODO}`);
    const imp = await run(dir, 'intel', 'import', file, '--db', db);
    assert.equal(imp.code, 0, imp.err);
    assert.equal(imp.out, 'feodo: updated, 1 entries\n');
    const bad = join(dir, 'page.csv');
    writeFileSync(bad, '<!DOCTYPE html><html>Too many requests</html>');
    const refused = await run(dir, 'intel', 'import', bad, '--format', 'feodo', '--db', db);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /^beaconwatch intel import: feodo: .*an HTML page, not the feed/);
    const list = await run(dir, 'intel', 'list', '--db', db);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /^FEED\s+STATE\s+ENTRIES\s+CHECKED\s+LAST ERROR/);
    assert.match(list.out, /\nfeodo\s+on\s+1\s+just now\s+.*an HTML page, not the feed/);
    assert.match(list.out, /\nurlhaus\s+on\s+0\s+never/);
    assert.match(list.out, /1 entries; downloads every 24 h/);
    const off = await run(dir, 'intel', 'set', '--off', '--schedule', '12', '--db', db);
    assert.equal(off.out, 'downloads off; your folder: none\n');
    const json = JSON.parse((await run(dir, 'intel', 'list', '--json', '--db', db)).out) as { enabled: boolean; scheduleHours: number };
    assert.deepEqual([json.enabled, json.scheduleHours], [false, 12]);
    assert.equal((await run(dir, 'intel', 'import', '--format', 'csv', file, '--db', db)).code, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a URLhaus host is said as what it is (a malware download host), by the name the device sent in TLS', () => {
  const idx = new IntelIndex([{ name: 'urlhaus', fetchedAt: HOUR_AGO, entries: parseFeed('urlhaus-hosts', '127.0.0.1\tcdn.example.org\n').entries }]);
  const [v] = buildFindings([pair({ source: 'ssl', dst: 'cdn.example.org' }, 96, 0.4)], { ...viewContext(evidence({}), noRules), intel: idx });
  assert.equal(v!.intel?.label, 'known C2 name contacted');
  assert.match(v!.reasons[0]!.text, /^URLhaus lists cdn\.example\.org as a malware download host; list fetched 3 h ago$/);
});
