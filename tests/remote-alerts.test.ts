// Alerts without Electron: a webhook on 127.0.0.1 receives a new finding as JSON after a rescore,
// and the Settings' "send test" reaches it; nothing is sent while no address is set.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEngineHost } from '../engine/service/create-host.js';
import { waitFor } from './support/page-checks.js';
import { writePeriodicDnsLog } from './support/zeek-fixture.js';

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => resolve(body));
  });

test('a webhook on 127.0.0.1 receives the new finding, and a test message', { timeout: 180_000 }, async () => {
  const received: { headers: IncomingMessage['headers']; body: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    void read(req).then((body) => {
      received.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const tmp = mkdtempSync(join(tmpdir(), 'bw-alerts-'));
  const zeekDir = join(tmp, 'zeek');
  mkdirSync(zeekDir);
  writePeriodicDnsLog(join(zeekDir, 'dns.log'), '10.0.0.9', '<b>c2</b>.evil.example');
  const host = await createEngineHost({ dbFile: join(tmp, 'a.sqlite'), mode: 'serve', zeekDir, log: () => undefined });
  try {
    await assert.rejects(host.api.sendTestAlert({}), /No alert target is set/);
    await assert.rejects(host.api.updateSettings({ alertWebhookUrl: 'file:///etc/passwd' }), /http/);
    // the link base never carries the token
    await assert.rejects(host.api.updateSettings({ alertLinkBase: 'http://bw.home:8787/#token=abc' }), /must not hold the token/);
    await host.api.updateSettings({ alertWebhookUrl: url, alertLinkBase: 'http://bw.home:8787/' });
    await host.start();
    await host.api.rescoreNow({});
    await waitFor(async () => received.length > 0, 20_000, 'the webhook got nothing');
    const alert = received[0]!.body as {
      type: string;
      title: string;
      message: string;
      findings: { finding: number; src: string; dst: string; every: string; sure: string; reason: string | null; link: string }[];
    };
    assert.equal(received[0]!.headers['content-type'], 'application/json');
    assert.equal(alert.type, 'alert');
    assert.equal(alert.title, 'Beaconwatch: new beacon');
    assert.equal(alert.findings[0]!.src, '10.0.0.9');
    assert.equal(alert.findings[0]!.dst, '<b>c2</b>.evil.example');
    assert.match(alert.findings[0]!.every, /^every /);
    // what a phone shows: the link to the finding, the top reason and the list's percentage
    const f = alert.findings[0]!;
    assert.equal(f.link, `http://bw.home:8787/#/pair/${f.finding}`);
    const listed = (await host.api.listFindings({})).findings.find((v) => v.findingId === f.finding)!;
    assert.ok(listed, 'the alerted finding is in the list');
    assert.equal(f.reason, listed.reasons.find((r) => r.effect === 'raises')?.text ?? null);
    assert.match(f.sure, /^(> )?\d+(\.\d+)? %$/);
    assert.ok(alert.message.includes(`(${f.sure})`), alert.message);
    assert.ok(alert.message.endsWith(`\n${f.link}`), alert.message);
    assert.doesNotMatch(alert.message, /token/);
    const results = await host.api.sendTestAlert({});
    assert.deepEqual(
      results.map((r) => [r.target, r.ok]),
      [['webhook', true]],
    );
    assert.equal((received.at(-1)!.body as { type: string }).type, 'test');
    // a second rescore announces nothing again
    const count = received.length;
    await host.api.rescoreNow({});
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(received.length, count);
  } finally {
    await host.stop();
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('local network suggestions come from the data and the machine', async () => {
  const { suggestLocalNetworks } = await import('../engine/service/local-suggestions.js');
  const s = suggestLocalNetworks(
    [
      { src: '73.54.23.243', dst: '64.225.56.201', direction: 'inbound' },
      { src: '64.225.56.201', dst: '91.189.91.157', direction: 'outbound' },
      { src: '192.168.1.20', dst: '8.8.8.8', direction: 'outbound' },
    ],
    ['192.168.1.20', '192.168.1.21'],
    ['192.168.0.0/16'],
    ['64.225.56.201'],
  );
  assert.deepEqual(
    s.map((x) => [x.cidr, x.configured]),
    [
      ['64.225.56.0/24', false],
      ['192.168.1.0/24', true],
    ],
  );
  assert.match(s[0]!.reason, /this machine's address 64\.225\.56\.201/);
  assert.match(s[1]!.reason, /DHCP assigned 2 addresses/);
});
