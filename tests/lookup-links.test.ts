// The finding page's lookup links (VirusTotal, AbuseIPDB, Shodan, whois): built only for real
// addresses and host names, escaped, and the desktop shell opens exactly those hosts in the
// user's browser — nothing else a page asks for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOOKUP_HOSTS, lookupLinks } from '../renderer/src/lib/lookup-links.js';
import { isLookupUrl, LOOKUP_HOSTS_FOR_TEST } from '../electron/external-links.js';

test('links for an address and for a name, all to the lookup hosts over https', () => {
  const ip = lookupLinks('203.0.113.9');
  assert.deepEqual(
    ip.map((l) => l.name),
    ['VirusTotal', 'AbuseIPDB', 'Shodan', 'whois'],
  );
  assert.equal(ip[0]!.url, 'https://www.virustotal.com/gui/ip-address/203.0.113.9');
  const name = lookupLinks('*.telemetry-updatenyg.com');
  assert.equal(name[0]!.url, 'https://www.virustotal.com/gui/domain/telemetry-updatenyg.com');
  for (const l of [...ip, ...name]) assert.ok(isLookupUrl(l.url), l.url);
});

test('strings from logs that are not a name or an address get no link', () => {
  for (const hostile of ['<img src=x onerror=alert(1)>.example', 'a b.com', 'javascript:alert(1)', 'x'.repeat(300) + '.com', '../../etc/passwd']) {
    assert.deepEqual(lookupLinks(hostile), [], hostile);
  }
});

test('the shell opens only the lookup hosts, over https, without credentials or ports', () => {
  assert.deepEqual([...LOOKUP_HOSTS].sort(), [...LOOKUP_HOSTS_FOR_TEST].sort(), 'renderer and shell agree');
  for (const bad of [
    'http://www.virustotal.com/gui/domain/x.com',
    'https://www.virustotal.com.evil.net/',
    'https://user@www.shodan.io/',
    'https://www.shodan.io:8443/',
    'file:///etc/passwd',
    'not a url',
  ]) {
    assert.equal(isLookupUrl(bad), false, bad);
  }
});
