import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FeedRejected, parseFeed, type FeedFormat } from './parse.js';
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
