// Grouping pairs into behaviours: DNS → TLS → connection is one finding, a rotating schedule over
// several addresses is one finding, the resolver's connection is infrastructure, random
// subdomains gather under their domain, and a claim-only name links but never vouches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AllowMatch } from '../contract/api.js';
import type { PairEvidence } from './evidence.js';
import { groupPairs } from './group.js';
import { buildFindings } from './build.js';
import { evidence, pair, viewContext } from '../../tests/support/finding-rows.js';

test('a lookup, the TLS naming it and the connection to the answered address are one finding', () => {
  const dns = pair({ source: 'dns', dst: 'imap.gmail.com', variant: 'resolved' });
  const domain = pair({ source: 'dns', dst: 'gmail.com', variant: 'domain' });
  const tls = pair({ source: 'ssl', dst: 'imap.gmail.com', port: 993 });
  const conn = pair({ source: 'conn', dst: '142.250.1.108', port: 993 });
  const resolverConn = pair({ source: 'conn', dst: '192.168.1.1', port: 53, proto: 'udp', direction: 'local' }, 3000);
  const other = pair({ source: 'conn', dst: '8.8.4.4', port: 443 });
  const groups = groupPairs(
    [dns, domain, tls, conn, resolverConn, other],
    evidence({ '192.168.1.20 142.250.1.108': ['imap.gmail.com'] }, undefined, '192.168.1.1'),
    4,
  );
  const byKey = new Map(groups.map((g) => [g.key, g]));
  assert.deepEqual(
    byKey
      .get('imap.gmail.com')!
      .members.map((m) => m.id)
      .sort(),
    [dns.id, domain.id, tls.id, conn.id].sort(),
  );
  assert.equal(byKey.get('imap.gmail.com')!.id, dns.id, 'the oldest pair naming the group is its id');
  assert.equal(byKey.get('resolver:192.168.1.1')!.kind, 'infrastructure');
  assert.deepEqual(byKey.get('8.8.4.4')!.members, [other]);
  assert.equal(groups.length, 3);
});

test('one schedule over rotating addresses (one SNI) is one finding listing every address', () => {
  const tls = pair({ source: 'ssl', dst: 'cdn-sync.example.net' });
  const conns = ['198.51.100.1', '198.51.100.2', '198.51.100.3'].map((a) => pair({ source: 'conn', dst: a }, 480, 0.5));
  const links = Object.fromEntries(conns.map((c) => [`192.168.1.20 ${c.dst}`, ['cdn-sync.example.net']]));
  const groups = groupPairs([tls, ...conns], evidence(links), 4);
  assert.equal(groups.length, 1);
  assert.equal(groups[0]!.members.length, 4);
  assert.equal(groups[0]!.key, 'cdn-sync.example.net');
});

test('random-subdomain lookups gather under their domain; a name that carries the domain folds it', () => {
  const tunnel = pair({ source: 'dns', dst: 'evil-c2.net', variant: 'domain' }, 300);
  const subs = Array.from({ length: 30 }, (_, i) => pair({ source: 'dns', dst: `x${i}q.evil-c2.net`, variant: 'failed' }, 1, 0));
  const ntpName = pair({ source: 'dns', dst: 'time.apple.com', variant: 'resolved' }, 96);
  const ntpDomain = pair({ source: 'dns', dst: 'apple.com', variant: 'domain' }, 100);
  const groups = groupPairs([tunnel, ...subs, ntpName, ntpDomain], evidence({}), 4);
  const domain = groups.find((g) => g.key === '*.evil-c2.net')!;
  assert.equal(domain.kind, 'domain');
  assert.equal(domain.members.length, 31);
  assert.equal(domain.id, tunnel.id);
  assert.deepEqual(
    groups
      .find((g) => g.key === 'time.apple.com')!
      .members.map((m) => m.id)
      .sort(),
    [ntpName.id, ntpDomain.id].sort(),
  );
  assert.equal(groups.length, 2);
});

test('a LAN proxy: the proxy connection joins the CONNECT and TLS of the name it carries', () => {
  const proxy = pair({ source: 'conn', dst: '10.136.0.16', port: 3128, direction: 'local' }, 350);
  const connect = pair({ source: 'http', dst: 'www.honestimnotevil.com', port: 3128 }, 346);
  const tls = pair({ source: 'ssl', dst: 'www.honestimnotevil.com', port: 3128 }, 346);
  const groups = groupPairs([proxy, connect, tls], evidence({}), 4);
  assert.equal(groups.length, 1);
  assert.equal(groups[0]!.members.length, 3);
});

const ctx = viewContext;
const nest: AllowMatch = { ruleId: 'nest', reason: 'Google Nest cloud', category: 'smart-home', builtin: true };
/** A rule on *.nest.com the way the allow-list applies it: a connection only through a name DNS gave. */
const nestRuleOver =
  (ev: PairEvidence) =>
  (p: { src: string; dst: string; source: string }): AllowMatch | null => {
    if (p.source !== 'conn') return p.dst.endsWith('nest.com') ? nest : null;
    return ev.toldNames(p.src, p.dst).some((n) => n.endsWith('nest.com')) ? nest : null;
  };

test('a claimed SNI never resolved to its address: not known, and the reason says so', () => {
  const tls = pair({ source: 'ssl', dst: 'beacon.nest.com' }, 1440);
  const conn = pair({ source: 'conn', dst: '203.0.113.9' }, 1440);
  const ev = evidence({ '192.168.1.20 203.0.113.9': ['beacon.nest.com'] }, {});
  const [f] = buildFindings([tls, conn], ctx(ev, nestRuleOver(ev)));
  assert.equal(f!.members.length, 2);
  assert.equal(f!.allowlisted, null);
  assert.equal(f!.state, 'new');
  assert.ok(f!.score >= 0.8, `score ${f!.score}`);
  assert.ok(
    f!.reasons.some((r) => r.effect === 'raises' && /never resolved/.test(r.text)),
    JSON.stringify(f!.reasons),
  );
});

test('the same SNI after a DNS answer gave that address: known through the backed name', () => {
  const dns = pair({ source: 'dns', dst: 'beacon.nest.com', variant: 'resolved' }, 1440);
  const tls = pair({ source: 'ssl', dst: 'beacon.nest.com' }, 1440);
  const conn = pair({ source: 'conn', dst: '203.0.113.9' }, 1440);
  const ev = evidence({ '192.168.1.20 203.0.113.9': ['beacon.nest.com'] });
  const [f] = buildFindings([dns, tls, conn], ctx(ev, nestRuleOver(ev)));
  assert.equal(f!.state, 'known');
  assert.equal(f!.allowlisted?.ruleId, 'nest');
});

test('one hard-coded address on several devices is one campaign finding, not a quieter product (abuse: infect more devices)', () => {
  const worm = ['192.168.1.31', '192.168.1.32', '192.168.1.33', '192.168.1.34'].map((src) =>
    pair({ source: 'conn', src, dst: '52.1.2.3' }, 1440, 0.97),
  );
  const single = pair({ source: 'conn', src: '192.168.1.40', dst: '52.9.9.9' }, 288, 0.97);
  const views = buildFindings(
    [...worm, single],
    ctx(evidence({}), () => null),
  );
  const campaign = views.find((v) => v.dst === '52.1.2.3')!;
  const one = views.find((v) => v.src === '192.168.1.40')!;
  assert.equal(views.length, 2, 'the four devices are one finding');
  assert.deepEqual(campaign.campaign?.devices.map((d) => d.address).sort(), worm.map((w) => w.src).sort());
  assert.equal(campaign.members.length, 4);
  assert.equal(campaign.state, 'new');
  assert.ok(campaign.score > one.score, `${campaign.score} > ${one.score}`);
  assert.ok(campaign.reasons.some((r) => r.effect === 'raises' && /4 devices/.test(r.text)));
});
