// The finding page's words for event details (renderer/src/lib/event-details.ts): what every
// event shares is said once, empty values read "(none)", bytes not found say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventDetail } from '../engine/api.js';
import { bytesText, connectionText, detailLines, splitCommon } from '../renderer/src/lib/event-details.js';

const http = (uri: string, uid: string): EventDetail => ({
  ts: 1,
  uid,
  origPort: 51000,
  respAddr: '2001:db8::1',
  respPort: 80,
  proto: 'tcp',
  service: 'http',
  origBytes: null,
  respBytes: null,
  durationS: null,
  connState: null,
  http: { method: 'GET', host: '', uri, userAgent: '<script>x</script>', statusCode: 200, statusMsg: 'OK', requestBodyLen: 0, responseBodyLen: 0 },
  tls: null,
  dns: null,
});

test('what all events share is said once; each row keeps what differs', () => {
  const { common, perEvent } = splitCommon([http('/a', 'C1'), http('/b', 'C2')]);
  assert.deepEqual(
    common.map((l) => `${l.label}=${l.value}`),
    ['Status=200 OK', 'Host=(none)', 'User agent=<script>x</script>'],
  );
  assert.deepEqual(
    perEvent.map((ls) => ls.map((l) => l.value)),
    [['GET /a'], ['GET /b']],
  );
  assert.deepEqual(splitCommon([http('/a', 'C1')]).common, [], 'one event: nothing to factor out');
});

test('connection and bytes in words', () => {
  const e = http('/', 'C1');
  assert.equal(connectionText(e), ':51000 → [2001:db8::1]:80/tcp');
  assert.equal(bytesText(e), 'bytes not in conn.log');
  assert.equal(bytesText({ ...e, origBytes: 80, respBytes: 1327 }), `80 B sent · ${(1327).toLocaleString()} B received`);
  const tls = detailLines({
    ...e,
    http: null,
    tls: { version: 'TLSv13', serverName: null, cipher: null, established: true, ja3: 'abc', ja3s: null, ja4: null, ja4s: null },
  });
  assert.deepEqual(
    tls.map((l) => `${l.label}=${l.value}`),
    ['TLS=TLSv13 · established', 'SNI=(none)', 'JA3=abc'],
  );
});
