// The engine host as Electron main and `serve` use it: demo data, findings, alerts once per
// pair, allow-listing at display time, settings validation, device names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngineHost } from '../engine/service/create-host.js';
import { DEMO_BEACON } from '../engine/demo/demo-logs.js';
import type { FindingView } from '../engine/api.js';
import type { ApiError } from '../engine/api.js';

test('demo day: the planted beacon alerts once, benign beacons are known, allow-listing hides without rescoring', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-host-'));
  const host = await createEngineHost({ dbFile: join(dir, 'bw.sqlite'), mode: 'serve', demo: true });
  const alerts: FindingView[][] = [];
  host.on('alerts', (a) => alerts.push(a));
  try {
    await host.start();
    const status = await host.api.getStatus({});
    assert.equal(status.demo, true);
    assert.ok(status.events > 1000, `events ${status.events}`);
    assert.ok(status.lastRescore, 'rescored after the backfill');

    const list = await host.api.listFindings({});
    // One finding for the implant's name: its TLS, lookups and connections to its address.
    const planted = list.findings.find((f) => f.src === DEMO_BEACON.src && f.dst === DEMO_BEACON.dst);
    assert.ok(planted, `planted beacon listed; got ${list.findings.map((f) => `${f.src}->${f.dst}`).join(', ')}`);
    assert.equal(planted.state, 'new');
    assert.equal(planted.deviceName, 'old-nas', 'named from dhcp.log');
    assert.match(planted.summary, /^every (\d+–\d+ s, typically )?(5\d|6\d) s, \d+ times in 24 h$/);
    assert.ok(planted.members.some((m) => m.source === 'ssl' && m.dst === DEMO_BEACON.dst));
    assert.ok(
      planted.members.some((m) => m.source === 'conn' && m.dst === DEMO_BEACON.ip),
      'the connection to the address joins the name',
    );

    // Alerts: the planted beacon once; a rescore does not repeat it.
    const alerted = alerts.flat().filter((f) => f.pairId === planted.pairId);
    assert.equal(alerted.length, 1);
    await host.api.rescoreNow({});
    assert.equal(alerts.flat().filter((f) => f.pairId === planted.pairId).length, 1, 'never notified twice');

    // Known beacons are shown as known (with the toggle), not as new alerts.
    const withKnown = await host.api.listFindings({ includeAllowlisted: true });
    const ntp = withKnown.findings.find((f) => f.members.some((m) => m.source === 'conn' && m.port === 123));
    assert.ok(ntp, 'NTP pair listed with the toggle');
    assert.equal(ntp.state, 'known');
    assert.equal(ntp.allowlisted?.category, 'time-sync');
    assert.ok(list.hidden.allowlisted >= 1);
    // The thermostat's connections join the name it looked up and sent (DNS answer, TLS SNI).
    const thermostat = withKnown.findings.find((f) => f.src === '192.168.1.30' && f.members.some((m) => m.source === 'conn'));
    assert.ok(thermostat, 'thermostat finding listed');
    assert.equal(thermostat.dst, 'tccna.honeywell.com');
    assert.equal(thermostat.state, 'known');
    assert.equal(thermostat.allowlisted?.category, 'smart-home');

    // One-click allow-list from the pair view: gone from the default view at once.
    const detail = await host.api.getPair({ pairId: planted.pairId });
    assert.ok(detail.activities.length > 100 && detail.intervals.length === detail.activities.length - 1);
    const pairScope = detail.allowScopes.find((s) => s.scope === 'pair');
    assert.ok(pairScope);
    const rule = await host.api.addAllowRule({ ...pairScope.rule, note: 'my backup job' });
    const after = await host.api.listFindings({});
    assert.ok(!after.findings.some((f) => f.pairId === planted.pairId), 'hidden from the default view');
    const again = await host.api.getPair({ pairId: planted.pairId });
    assert.equal(again.finding.state, 'known');
    assert.equal(again.finding.allowlisted?.ruleId, rule.id);

    // Devices are grouped and named; labels stick.
    const devices = await host.api.listDevices({});
    assert.ok(devices.some((d) => d.address === '192.168.1.30' && d.hostName === 'hallway-thermostat'));
    const labelled = await host.api.setDeviceLabel({ address: '192.168.1.30', label: 'Thermostat' });
    assert.equal(labelled.name, 'Thermostat');

    // A wrong directory is refused with a helpful message; nothing stored is lost.
    await assert.rejects(
      host.api.updateSettings({ zeekDir: '/nonexistent/zeek/logs' }),
      (err: ApiError) => err.code === 'invalid-argument' && /does not exist/.test(err.message),
    );
    assert.equal((await host.api.getStatus({})).events, status.events);
  } finally {
    await host.stop();
  }
});
