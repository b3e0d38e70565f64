// Issue 8 item 4 end to end, from Zeek logs to the findings list: a C2 sending a vendor's SNI to
// its own address, or beaconing over udp/123, is not "known"; the same names backed by DNS
// answers the home received are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngineHost } from '../engine/service/create-host.js';

const FIELDS = {
  conn: ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state'],
  dns: ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'query', 'rcode', 'rcode_name', 'answers', 'TTLs'],
  ssl: ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'server_name', 'established'],
} as const;
type Kind = keyof typeof FIELDS;

function writeLogs(dir: string, rows: Record<Kind, string[][]>): void {
  mkdirSync(dir, { recursive: true });
  for (const kind of Object.keys(FIELDS) as Kind[]) {
    const header = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', `#path\t${kind}`];
    header.push(`#fields\t${FIELDS[kind].join('\t')}`, `#types\t${FIELDS[kind].map((f) => (f === 'ts' ? 'time' : 'string')).join('\t')}`);
    const body = rows[kind].sort((a, b) => Number(a[0]) - Number(b[0])).map((r) => r.join('\t'));
    writeFileSync(join(dir, `${kind}.log`), `${[...header, ...body].join('\n')}\n`);
  }
}

test('borrowed SNI and udp/123 C2 are not known; the same names backed by DNS are', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-backing-'));
  const end = Math.floor(Date.now() / 1000);
  const start = end - 6 * 3600;
  const rows: Record<Kind, string[][]> = { conn: [], dns: [], ssl: [] };
  let uid = 0;
  const t = (s: number) => s.toFixed(6);
  const tls = (ts: number, src: string, ip: string, sni: string) => {
    rows.ssl.push([t(ts), `C${uid++}`, src, '50000', ip, '443', sni, 'T']);
    rows.conn.push([t(ts), `C${uid++}`, src, '50000', ip, '443', 'tcp', 'ssl', '0.5', '300', '1200', 'SF']);
  };
  const ntp = (ts: number, src: string, ip: string, service: string) =>
    rows.conn.push([t(ts), `C${uid++}`, src, '123', ip, '123', 'udp', service, '0.03', '48', '48', 'SF']);
  const answer = (ts: number, src: string, q: string, ip: string) =>
    rows.dns.push([t(ts), `C${uid++}`, src, '40000', '192.168.1.1', '53', 'udp', q, '0', 'NOERROR', ip, '300.000000']);

  // the implant (192.168.1.66): a vendor's SNI to its own address, and udp/123 to another, never resolved
  for (let ts = start + 10; ts < end; ts += 60) {
    tls(ts, '192.168.1.66', '203.0.113.9', 'beacon.nest.com');
    ntp(ts + 1, '192.168.1.66', '203.0.113.123', '-');
  }
  // the thermostat (192.168.1.30): the same SNI, resolved first; clock sync to a pool server it resolved
  answer(start + 5, '192.168.1.30', 'nest.com', '198.51.100.50');
  answer(start + 5, '192.168.1.30', '2.pool.ntp.org', '198.51.100.123');
  for (let ts = start + 10; ts < end; ts += 60) {
    tls(ts, '192.168.1.30', '198.51.100.50', 'beacon.nest.com');
    ntp(ts + 1, '192.168.1.30', '198.51.100.123', 'ntp');
  }
  writeLogs(join(dir, 'logs'), rows);

  const host = await createEngineHost({ dbFile: join(dir, 'bw.sqlite'), mode: 'serve', zeekDir: join(dir, 'logs') });
  try {
    await host.start();
    const all = await host.api.listFindings({ includeAllowlisted: true, includeBelowThreshold: true, includeInbound: true });
    // findings are behaviours: look each pair up as a member of its finding
    const find = (source: string, src: string, dst: string) => {
      const f = all.findings.find((x) => x.src === src && x.members.some((m) => m.source === source && m.dst === dst));
      assert.ok(
        f,
        `${source} ${src} -> ${dst} listed; got ${all.findings.map((x) => `${x.src}->${x.dst} [${x.members.map((m) => `${m.source} ${m.dst}`).join(', ')}]`).join('; ')}`,
      );
      return f;
    };
    const borrowed = find('ssl', '192.168.1.66', 'beacon.nest.com');
    assert.equal(find('conn', '192.168.1.66', '203.0.113.9'), borrowed, 'the TLS and its connection are one finding');
    const udp123 = find('conn', '192.168.1.66', '203.0.113.123');
    for (const f of [borrowed, udp123]) {
      assert.equal(f.state, 'new', `${f.dst}: ${JSON.stringify(f.allowlisted)}`);
      assert.equal(f.allowlisted, null);
      assert.ok(f.score >= 0.8, `${f.dst} scores ${f.score}`);
    }
    assert.ok(
      borrowed.reasons.some((r) => r.effect === 'raises' && /beacon\.nest\.com was never resolved to 203\.0\.113\.9/.test(r.text)),
      JSON.stringify(borrowed.reasons),
    );
    assert.ok(
      udp123.reasons.some((r) => r.effect === 'raises' && /udp\/123 but Zeek did not recognise NTP/.test(r.text)),
      JSON.stringify(udp123.reasons),
    );
    const thermostat = find('ssl', '192.168.1.30', 'beacon.nest.com');
    assert.equal(thermostat.allowlisted?.ruleId, 'nest');
    assert.equal(find('conn', '192.168.1.30', '198.51.100.50'), thermostat);
    assert.equal(thermostat.state, 'known');
    const clock = find('conn', '192.168.1.30', '198.51.100.123');
    assert.equal(clock.state, 'known');
    assert.equal(clock.allowlisted?.category, 'time-sync');
  } finally {
    await host.stop();
  }
});
