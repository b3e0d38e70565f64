import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyLogFile, isZeekLogCandidate } from './log-names.js';

test('live and rotated names Zeek and zeekctl write', () => {
  assert.deepEqual(classifyLogFile('/opt/zeek/logs/current/conn.log'), { kind: 'conn', compressed: false, live: true });
  assert.deepEqual(classifyLogFile('conn.log.gz'), { kind: 'conn', compressed: true, live: false });
  assert.deepEqual(classifyLogFile('/x/conn.2026-11-27-10-00-00.log'), { kind: 'conn', compressed: false, live: false });
  assert.deepEqual(classifyLogFile('/nsm/zeek/logs/2026-11-27/dns.10:00:00-11:00:00.log.gz'), {
    kind: 'dns',
    compressed: true,
    live: false,
  });
  assert.deepEqual(classifyLogFile('rita/missing_host/2024-04-21/conn.00:00:00-01:00:00.log.gz'), {
    kind: 'conn',
    compressed: true,
    live: false,
  });
  assert.deepEqual(classifyLogFile('C:\\zeek\\ssl.17_32_32-18_00_00.log.gz'), { kind: 'ssl', compressed: true, live: false });
  assert.equal(classifyLogFile('http.log')?.kind, 'http');
  assert.equal(classifyLogFile('dhcp.log')?.kind, 'dhcp');
  assert.deepEqual(classifyLogFile('conn.log.1'), { kind: 'conn', compressed: false, live: false });
});

test('stratosphere: conn.log.labeled is taken, labeled-conn.log (a twin of conn.log) is not', () => {
  assert.deepEqual(classifyLogFile('008-zeek-mixed/data/conn.log.labeled'), { kind: 'conn', compressed: false, live: false });
  assert.equal(classifyLogFile('001-zeek-scenario-malicious/labeled-conn.log'), null);
});

test('open_* logs, other logs and non-log names are skipped', () => {
  for (const name of [
    'open_conn.log',
    'open_conn.17_32_32-18_00_00.log.gz',
    'open_http.log',
    'open_ssl.log',
    'files.log',
    'x509.log',
    'weird.07:00:00-08:00:00.log.gz',
    'capture_loss.log',
    'conn-summary.10:00:00-11:00:00.log.gz',
    'conn_top.log',
    'conn.summary.log',
    'conn.log.gz.tmp',
    'conn',
    'README',
  ]) {
    assert.equal(classifyLogFile(name), null, name);
    assert.equal(isZeekLogCandidate(name), false, name);
  }
  assert.equal(isZeekLogCandidate('ssl.log'), true);
});
