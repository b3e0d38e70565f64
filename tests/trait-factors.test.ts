// RITA's modifiers from per-pair traits (engine/findings/trait-factors.ts), each on real rows:
// small Zeek logs written here for traffic the shared samples lack, and rita/missing_host for
// the rare user agent. Each factor raises a finding and says why; its control does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan } from '../engine/scan/scan.js';
import type { FindingView } from '../engine/contract/api.js';
import { LARGE_OUTGOING, TRAIT_FACTORS } from '../engine/findings/trait-factors.js';
import { CONN_FIELDS, DNS_FIELDS, HTTP_FIELDS, SSL_FIELDS, schedule, tlsConnRow, writeZeekLog } from './support/zeek-tsv.js';
import { sample, samplesMissing } from './support/samples.js';
import { parseFeed } from '../engine/intel/parse.js';

const JA3_FIXTURE = new URL('../engine/intel/fixtures/sslbl-ja3.csv', import.meta.url);

const T0 = 1_795_000_000;
const DAY = 86400;

async function scanDir(write: (dir: string) => void, opts: Parameters<typeof scan>[1] = {}): Promise<FindingView[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bw-traits-'));
  try {
    write(dir);
    return (await scan([dir], opts)).views;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const reason = (v: FindingView | undefined, re: RegExp) => v?.reasons.find((r) => re.test(r.text));
const find = (views: FindingView[], src: string, dst: string) => views.find((v) => v.src === src && v.dst === dst);

/** a beacon every 5 min for a day from `src` to `dst`, with these byte counts */
function connBeacon(src: string, dst: string, orig: number, resp: number, duration = 0.4): Record<string, string | number>[] {
  return schedule(T0, 300, 288).map((ts, i) => tlsConnRow(i, ts, src, dst, duration, orig, resp, `C${src}${i}`));
}

test('large outgoing data raises with the totals; balanced traffic on the same timer does not', { timeout: 60_000 }, async () => {
  const views = await scanDir((dir) =>
    writeZeekLog(join(dir, 'conn.log'), 'conn', CONN_FIELDS, [
      ...connBeacon('192.168.1.50', '203.0.113.7', 400_000, 2_000),
      ...connBeacon('192.168.1.51', '203.0.113.8', 4_000, 9_000),
    ]),
  );
  const exfil = find(views, '192.168.1.50', '203.0.113.7');
  const calm = find(views, '192.168.1.51', '203.0.113.8');
  assert.ok(exfil && calm, 'both beacons are findings');
  const r = reason(exfil, /far more out than in/);
  assert.ok(r, JSON.stringify(exfil.reasons));
  assert.equal(r.factor, TRAIT_FACTORS.largeOutgoing);
  assert.equal(r.effect, 'raises');
  // 288 × 400 kB sent, 288 × 2 kB received
  assert.match(r.text, /sent 115 MB, received 576 kB/);
  assert.deepEqual(exfil.bytes, { sent: 288 * 400_000, received: 288 * 2_000, typicalPerCheckIn: 402_000 });
  assert.equal(reason(calm, /far more out than in/), undefined);
  assert.ok(288 * 9_000 * LARGE_OUTGOING.ratio > 288 * 4_000, 'the control is below the ratio');
  assert.ok(exfil.score > calm.score, `raised ${exfil.score} vs ${calm.score}`);
});

test('a connection held open for hours raises; short ones do not', { timeout: 60_000 }, async () => {
  const views = await scanDir((dir) => {
    const rows = connBeacon('192.168.1.60', '198.51.100.9', 500, 700);
    rows[10]!.duration = (5 * 3600).toFixed(6); // one session kept open five hours
    writeZeekLog(join(dir, 'conn.log'), 'conn', CONN_FIELDS, [...rows, ...connBeacon('192.168.1.61', '198.51.100.10', 500, 700)]);
  });
  const r = reason(find(views, '192.168.1.60', '198.51.100.9'), /held open for 5 h/);
  assert.ok(r, JSON.stringify(find(views, '192.168.1.60', '198.51.100.9')?.reasons));
  assert.equal(r.factor, TRAIT_FACTORS.longConnection);
  assert.equal(reason(find(views, '192.168.1.61', '198.51.100.10'), /held open/), undefined);
});

/** HTTP check-ins every 10 min to `host` asking for `uri`, answered with `mime` and `status` */
function httpBeacon(src: string, host: string, uri: string, mime: string, status: number, ua: string): Record<string, string | number>[] {
  return schedule(T0, 600, 144).map((ts, i) => ({
    ts: ts.toFixed(6),
    uid: `H${src}${i}`,
    'id.orig_h': src,
    'id.orig_p': 50000 + i,
    'id.resp_h': '203.0.113.80',
    'id.resp_p': 80,
    method: 'GET',
    host,
    uri,
    user_agent: ua,
    request_body_len: 0,
    response_body_len: 73_802,
    status_code: status,
    resp_mime_types: mime,
  }));
}

test('an executable served as /logo.png raises (MIME/URI mismatch); an HTML 404 for an image does not', { timeout: 60_000 }, async () => {
  const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)';
  const views = await scanDir((dir) =>
    writeZeekLog(join(dir, 'http.log'), 'http', HTTP_FIELDS, [
      ...httpBeacon('192.168.1.70', 'cdn.stage2.example', '/img/logo.png?v=3', 'application/x-dosexec', 200, ua),
      ...httpBeacon('192.168.1.71', 'shop.example', '/img/missing.png', 'text/html', 404, ua),
    ]),
  );
  const bad = find(views, '192.168.1.70', 'cdn.stage2.example');
  const r = reason(bad, /did not fit what was asked/);
  assert.ok(r, JSON.stringify(bad?.reasons));
  assert.equal(r.factor, TRAIT_FACTORS.mimeMismatch);
  assert.match(r.text, /^144 HTTP answers .*\/img\/logo\.png → application\/x-dosexec/);
  const fine = find(views, '192.168.1.71', 'shop.example');
  assert.ok(fine, 'the control is a finding');
  assert.equal(reason(fine, /did not fit/), undefined);
  // the same user agent from two devices is no rare signature
  assert.equal(reason(bad, /user agent/), undefined);
  assert.equal(reason(fine, /user agent/), undefined);
  assert.deepEqual(bad!.bytes, { sent: 0, received: 144 * 73_802, typicalPerCheckIn: 73_802 });
});

test('a user agent on no other connection of the home raises; a shared one does not', { timeout: 60_000 }, async () => {
  const views = await scanDir((dir) =>
    writeZeekLog(join(dir, 'http.log'), 'http', HTTP_FIELDS, [
      ...httpBeacon('192.168.1.80', 'upd.odd.example', '/check', 'text/plain', 200, 'Kx-Agent/0.1'),
      ...httpBeacon('192.168.1.81', 'news.example', '/feed', 'text/plain', 200, 'Mozilla/5.0 Firefox/120.0'),
      ...httpBeacon('192.168.1.82', 'weather.example', '/now', 'text/plain', 200, 'Mozilla/5.0 Firefox/120.0'),
    ]),
  );
  const odd = find(views, '192.168.1.80', 'upd.odd.example');
  const r = reason(odd, /user agent "Kx-Agent\/0\.1" seen on no other connection/);
  assert.ok(r, JSON.stringify(odd?.reasons));
  assert.equal(r.factor, TRAIT_FACTORS.rareSignature);
  for (const [src, dst] of [
    ['192.168.1.81', 'news.example'],
    ['192.168.1.82', 'weather.example'],
  ] as const) {
    const v = find(views, src, dst);
    assert.ok(v, dst);
    assert.equal(reason(v, /user agent/), undefined, `${dst}: ${JSON.stringify(v.reasons)}`);
  }
});

test('a JA4 no other TLS client of the home uses raises; a JA3 the browsers share does not', { timeout: 60_000 }, async () => {
  const tls = (src: string, sni: string, ja3: string, ja4: string) =>
    schedule(T0, 600, 144).map((ts, i) => ({
      ts: ts.toFixed(6),
      uid: `S${src}${i}`,
      'id.orig_h': src,
      'id.orig_p': 50000 + i,
      'id.resp_h': '203.0.113.90',
      'id.resp_p': 443,
      version: 'TLSv13',
      server_name: sni,
      established: 'T',
      ja3,
      ja4,
    }));
  const browser = 'b32309a26951912be7dba376398abc3b';
  const views = await scanDir((dir) =>
    writeZeekLog(join(dir, 'ssl.log'), 'ssl', SSL_FIELDS, [
      ...tls('192.168.1.40', 'sync.implant.example', browser, 't13d1516h2_8daaf6152771_e5627efa2ab1'),
      ...tls('192.168.1.41', 'mail.example', browser, 't13d1517h2_8daaf6152771_b0da82dd1658'),
      ...tls('192.168.1.42', 'calendar.example', browser, 't13d1517h2_8daaf6152771_b0da82dd1658'),
    ]),
  );
  const odd = find(views, '192.168.1.40', 'sync.implant.example');
  const r = reason(odd, /TLS fingerprint/);
  assert.ok(r, JSON.stringify(odd?.reasons));
  assert.equal(r.text, 'TLS fingerprint (JA4) "t13d1516h2_8daaf6152771_e5627efa2ab1" seen on no other connection of your home');
  assert.equal(reason(find(views, '192.168.1.41', 'mail.example'), /TLS fingerprint/), undefined);
});

test(
  'rita/missing_host: the C2 beacon\'s user agent "Modzilla/0.0001 (Atari 7800)" is a rare signature',
  { skip: samplesMissing, timeout: 120_000 },
  async () => {
    const views = (await scan([sample('rita/missing_host')], {})).views;
    const beacon = find(views, '73.54.23.243', '64.225.56.201');
    assert.ok(beacon, 'the beacon is a finding');
    const r = reason(beacon, /^user agent "Modzilla\/0\.0001 \(Atari 7800\)" seen on no other connection/);
    assert.ok(r, JSON.stringify(beacon.reasons));
    assert.equal(r.effect, 'raises');
    // its bytes, from conn.log's orig_bytes/resp_bytes
    assert.ok(beacon.bytes && beacon.bytes.sent > 0 && beacon.bytes.received > beacon.bytes.sent, JSON.stringify(beacon.bytes));
    assert.ok(beacon.bytes.typicalPerCheckIn !== null && beacon.bytes.typicalPerCheckIn > 0);
    // rare means rare: most findings with a user agent do not get it
    const http = views.filter((v) => v.members.some((m) => m.source === 'http'));
    const rare = http.filter((v) => reason(v, /seen on no other connection/));
    assert.ok(rare.length < http.length / 4, `${rare.length} of ${http.length} HTTP findings called rare`);
  },
);

test('no direct connection (C2 over DNS): a name looked up on a timer and never connected to is a finding', { timeout: 60_000 }, async () => {
  const views = await scanDir((dir) =>
    writeZeekLog(
      join(dir, 'dns.log'),
      'dns',
      DNS_FIELDS,
      schedule(T0, 60, DAY / 60).map((ts, i) => ({
        ts: ts.toFixed(6),
        uid: `D${i}`,
        'id.orig_h': '192.168.1.90',
        'id.orig_p': 30000 + (i % 20000),
        'id.resp_h': '192.168.1.1',
        'id.resp_p': 53,
        proto: 'udp',
        query: 'beacon.tunnel-c2.example',
        rcode: 0,
        rcode_name: 'NOERROR',
        answers: '198.51.100.77',
        TTLs: '5',
      })),
    ),
  );
  const v = views.find((x) => x.src === '192.168.1.90' && x.dst === 'beacon.tunnel-c2.example');
  assert.ok(v, views.map((x) => `${x.src} ${x.dst}`).join('\n'));
  assert.equal(v.state, 'new');
  assert.ok(v.score >= 0.9, `score ${v.score}`);
  assert.ok(
    v.members.every((m) => m.source === 'dns'),
    'only lookups: no connection to the answer',
  );
  assert.equal(v.bytes, null, 'DNS carries no byte counts');
});

test(
  'a JA3 an SSLBL list names raises its finding as a known C2 fingerprint; the same scan without the list is unchanged',
  { timeout: 60_000 },
  async () => {
    // TrickBot's fingerprint in SSLBL's JA3 list (engine/intel/fixtures/sslbl-ja3.csv), on a slow
    // TLS check-in to a name nothing else lists
    const trickbot = '1aa7bf8b97e540ca5edd75f7b8384bfa';
    const write = (dir: string) =>
      writeZeekLog(
        join(dir, 'ssl.log'),
        'ssl',
        SSL_FIELDS,
        schedule(T0, 1800, 48).map((ts, i) => ({
          ts: ts.toFixed(6),
          uid: `J${i}`,
          'id.orig_h': '192.168.1.50',
          'id.orig_p': 51000 + i,
          'id.resp_h': '198.51.100.23',
          'id.resp_p': 443,
          version: 'TLSv12',
          server_name: 'status.weather-widget.example',
          established: 'T',
          ja3: trickbot,
          ja4: '-',
        })),
      );
    const sslbl = { name: 'sslbl-ja3', fetchedAt: Date.now() - 3600_000, entries: parseFeed('sslbl-ja3', readFileSync(JA3_FIXTURE, 'utf8')).entries };
    const other = { name: 'folder:mine.txt', fetchedAt: Date.now(), entries: parseFeed('plain', '203.0.113.1\nnot-this.example\n').entries };
    const key = (vs: FindingView[]) => vs.map((v) => ({ dst: v.dst, score: v.score, state: v.state, reasons: v.reasons, intel: v.intel }));
    const plain = await scanDir(write);
    const missed = await scanDir(write, { intelFeeds: [other] });
    assert.deepEqual(key(missed), key(plain), 'a list that does not name the fingerprint changes nothing');
    const listed = await scanDir(write, { intelFeeds: [sslbl] });
    const before = find(plain, '192.168.1.50', 'status.weather-widget.example');
    const v = find(listed, '192.168.1.50', 'status.weather-widget.example');
    assert.ok(before && v, 'the check-in is a finding either way');
    assert.equal(v.intel?.label, 'known C2 fingerprint seen');
    assert.ok(v.score > before.score, `${v.score} > ${before.score}`);
    assert.equal(v.state, 'new');
    const r = reason(v, /SSLBL/);
    assert.ok(r && r.effect === 'raises' && /1aa7bf8b97e540ca5edd75f7b8384bfa as TrickBot/.test(r.text), JSON.stringify(v.reasons));
  },
);
