// `scan` says which findings were already there in the first logs (the day-one review's list)
// without lowering them: a "(since start)" note in the table, `present_since_start` in JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, runCli } from './support/cli.js';
import { writeReviewDnsLog } from './support/review-fixture.js';

test('scan marks findings present since the start, in the table and in both JSON outputs, and keeps them new', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-scan-since-'));
  try {
    writeReviewDnsLog(dir);
    const findings = jsonLines<{ dst: string; state: string; present_since_start: boolean }>(
      (await runCli(['scan', '--findings', '--json', dir])).stdout,
    );
    const since = new Map(findings.map((f) => [f.dst, f.present_since_start]));
    assert.equal(since.get('c2.evil.example'), true);
    assert.equal(since.get('updates.example.net'), true);
    assert.equal(since.get('late.newcomer.example'), false);
    // being early lowers nothing: the early C2 is as new as the late one
    assert.equal(findings.find((f) => f.dst === 'c2.evil.example')?.state, 'new');

    const pairs = jsonLines<{ dst: string; present_since_start: boolean | null }>((await runCli(['scan', '--json', dir])).stdout);
    assert.equal(pairs.find((p) => p.dst === 'c2.evil.example')?.present_since_start, true);
    assert.equal(pairs.find((p) => p.dst === 'late.newcomer.example')?.present_since_start, false);

    const table = (await runCli(['scan', '--wide', dir])).stdout.split('\n');
    assert.match(table.find((l) => l.includes('c2.evil.example')) ?? '', /new \(since start\)/);
    const late = table.find((l) => l.includes('late.newcomer.example')) ?? '';
    assert.match(late, /\bnew\b/);
    assert.doesNotMatch(late, /since start/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
