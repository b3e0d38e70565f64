import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FeedRejected, parseFeed } from './parse.js';
import type { FeedFormat } from '../contract/intel-values.js';
import { IntelIndex } from './match.js';

const fx = (f: string) => readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8');
const load = (name: string, format: FeedFormat, file: string) => ({ name, fetchedAt: 0, entries: parseFeed(format, fx(file)).entries });

test('each feed parses in its published format and matches', () => {
  const idx = new IntelIndex([
    load('feodo', 'feodo', 'feodo-ipblocklist.csv'),
    load('threatfox', 'threatfox', 'threatfox-full.csv'),
    load('ja3', 'sslbl-ja3', 'sslbl-ja3.csv'),
    load('urlhaus', 'urlhaus-hosts', 'urlhaus-hostfile.txt'),
    load('mine', 'plain', 'plain-list.txt'),
  ]);
  assert.equal(idx.address('51.178.161.32')[0]?.entry.family, 'QakBot');
  assert.equal(idx.address('45.61.137.182')[0]?.entry.family, 'Cobalt Strike');
  assert.equal(idx.address('198.51.100.7')[0]?.entry.firstSeen, '2026-12-03 11:22:33');
  assert.equal(idx.address('192.0.2.77')[0]?.feed, 'mine');
  assert.equal(idx.name('C2.Evil-Updates.net').length, 1);
  assert.equal(idx.ja3('B386946A5A44D1DDCC843BC75336DFCE')[0]?.entry.family, 'Dridex');
  assert.equal(idx.address('8.8.8.8').length, 0);
  assert.equal(parseFeed('sslbl-cert', fx('sslbl-cert.csv')).entries.length, 1);
});

test('an HTML error page, an empty body and garbage are rejected (caller keeps last good copy)', () => {
  assert.throws(() => parseFeed('feodo', '<!DOCTYPE html><html>502</html>'), FeedRejected);
  assert.throws(() => parseFeed('feodo', '# only comments\n'), FeedRejected);
  assert.throws(() => parseFeed('sslbl-ja3', 'a,b\nc,d\ne,f\nnot,hex,at,all\n'), FeedRejected);
});

test('a truncated download loses only its cut-off last line', () => {
  const text = fx('feodo-ipblocklist.csv').replace('# Number of entries: 2\n', '') + '"2026-12-06 01:00:00","10.9.8';
  const r = parseFeed('feodo', text);
  assert.equal(r.entries.length, 2);
  assert.equal(r.malformed, 1);
});

test('CIDRs match every address inside them, on odd prefix lengths and IPv6 too, and nothing outside', () => {
  const idx = new IntelIndex([{ name: 'mine', fetchedAt: 0, entries: parseFeed('plain', '198.51.100.0/23\n2001:db8::/32\n10.0.0.0/8\n').entries }]);
  assert.equal(idx.address('198.51.101.9').length, 1);
  assert.equal(idx.address('::ffff:198.51.101.9').length, 1, 'an IPv4-mapped address is the IPv4 one');
  assert.equal(idx.address('198.51.102.1').length, 0);
  assert.equal(idx.address('198.51.99.255').length, 0);
  assert.equal(idx.address('2001:db8:1::5').length, 1);
  assert.equal(idx.address('2001:db9::5').length, 0);
  assert.equal(idx.address('10.255.255.255').length, 1);
  assert.equal(idx.address('11.0.0.1').length, 0);
  // wider than /8 (IPv4) or /20 (IPv6): a list gone wrong, not a listing
  assert.deepEqual(parseFeed('plain', '0.0.0.0/0\n2000::/3\n203.0.113.5\n').entries, [{ kind: 'ip', value: '203.0.113.5' }]);
  // and a list made mostly of such ranges is refused whole
  assert.throws(() => parseFeed('plain', '0.0.0.0/0\n::/0\n2000::/3\n203.0.113.5\n'), FeedRejected);
});
