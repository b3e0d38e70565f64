// getEventDetails through the `serve` transport over a real engine following a copy of two of
// missing_host's hourly archives: the arguments are validated, an unknown pair is not-found, and
// the answer carries the beacon's HTTP details with conn.log's bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventDetails } from '../engine/api.js';
import { startHttpServer } from '../engine/serve/http-server.js';
import { createEngineHost } from '../engine/service/create-host.js';
import { sample, samplesMissing } from './support/samples.js';

const TOKEN = 'details-api-token-0123456789';

test('getEventDetails over HTTP: validated, not-found, and the beacon as Zeek logged it', { skip: samplesMissing, timeout: 120_000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-details-api-'));
  const day = join(tmp, 'zeek', '2024-04-21');
  mkdirSync(day, { recursive: true });
  for (const kind of ['conn', 'http'])
    cpSync(sample('rita', 'missing_host', '2024-04-21', `${kind}.23:00:00-00:00:00.log.gz`), join(day, `${kind}.23:00:00-00:00:00.log.gz`));
  const host = await createEngineHost({ dbFile: join(tmp, 'bw.sqlite'), mode: 'serve', zeekDir: join(tmp, 'zeek'), log: () => undefined });
  const server = await startHttpServer({ api: host.api, host: '127.0.0.1', port: 0, token: TOKEN, staticDir: tmp });
  try {
    await host.start();
    const post = async (arg: unknown) => {
      const res = await fetch(`${server.url}api/getEventDetails`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(arg),
      });
      return { status: res.status, body: (await res.json()) as { ok: boolean; result?: EventDetails; error?: { code: string; message: string } } };
    };
    assert.equal((await post({ pairId: 1, limit: 1000 })).status, 400);
    assert.equal((await post({ pairId: 'x' })).body.error?.code, 'invalid-argument');
    assert.equal((await post({ pairId: 999_999 })).status, 404);

    const list = await host.api.listFindings({ includeInbound: true, includeBelowThreshold: true, includeAllowlisted: true });
    const member = list.findings
      .flatMap((f) => f.members.map((m) => ({ ...m, src: f.src })))
      .find((m) => m.source === 'http' && m.src === '73.54.23.243');
    assert.ok(member, 'the http beacon is stored and scored');
    const r = await post({ pairId: member.pairId, limit: 5 });
    assert.equal(r.status, 200);
    const d = r.body.result!;
    assert.equal(d.pairId, member.pairId);
    assert.equal(d.source, 'http');
    assert.equal(d.state, 'complete');
    assert.equal(d.events.length, 5);
    assert.equal(d.events[0]?.http?.userAgent, 'Modzilla/0.0001 (Atari 7800)');
    assert.equal(d.events[0]?.respBytes, 327);

    // a finding's own id shows its strongest member; `member` shows the anchor pair itself
    const grouped = list.findings.find((f) => f.members.length > 1 && f.members[0]!.pairId !== f.findingId);
    assert.ok(grouped, 'a finding whose strongest member is not its anchor (the beacon: conn + http)');
    assert.equal((await host.api.getPair({ pairId: grouped.findingId })).shownPairId, grouped.members[0]!.pairId);
    assert.equal((await host.api.getPair({ pairId: grouped.findingId, member: true })).shownPairId, grouped.findingId);

    // an earlier window's end: the newest events at or before it, read from the same logs
    const newest = Math.max(...d.events.map((e) => e.ts));
    const until = newest - 1800;
    const earlier = (await post({ pairId: member.pairId, limit: 5, until })).body.result!;
    assert.equal(earlier.events.length, 5);
    assert.ok(
      earlier.events.every((e) => e.ts <= until),
      'no event after the window end',
    );
    assert.ok(Math.max(...earlier.events.map((e) => e.ts)) > until - 900, 'the newest events before it, not the oldest');
    assert.equal(earlier.events[0]?.http?.userAgent, 'Modzilla/0.0001 (Atari 7800)');
  } finally {
    await server.close();
    await host.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
});
