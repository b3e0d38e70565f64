// Issue 9, items 1 and 2: the stock zeekctl layout (logs/current -> ../spool/zeek, dated
// archive folders, some of them links to another disk), link loops, and FIFOs named like logs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { Store } from '../db/store.js';
import { findLogs } from '../engine/ingest/find-logs.js';
import { PairExtractor } from '../engine/pairs/extract.js';
import { LocalNetworks } from '../engine/pairs/local-networks.js';
import { ZeekTailer } from '../engine/tail/tailer.js';
import { jsonLines, runCli } from './support/cli.js';
import { connClose, connHeader, connRows } from './support/gen-conn-log.js';
import { sample, samplesMissing as skip } from './support/samples.js';

const root = mkdtempSync(join(tmpdir(), 'bw-zeekctl-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** <prefix>/spool/zeek holds the live logs; <prefix>/logs/current links to it, as zeekctl makes it. */
function zeekctl(name: string) {
  const prefix = join(root, name);
  const spool = join(prefix, 'spool', 'zeek');
  const logs = join(prefix, 'logs');
  mkdirSync(spool, { recursive: true });
  mkdirSync(logs, { recursive: true });
  symlinkSync('../spool/zeek', join(logs, 'current'));
  return { prefix, spool, logs, current: join(logs, 'current') };
}

const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

test(
  "scan on the zeekctl layout (current is a link, an archive folder on another disk, a link loop) finds rita/proxy's beacon",
  { skip, timeout: 120_000 },
  async () => {
    const z = zeekctl('scan');
    for (const f of ['conn.log', 'dns.log', 'ssl.log']) copyFileSync(sample('rita/proxy', f), join(z.spool, f));
    // http.log sits in a dated archive folder that is itself a link to another disk
    const disk = join(z.prefix, 'other-disk', '2026-11-26');
    mkdirSync(disk, { recursive: true });
    writeFileSync(join(disk, 'http.00:00:00-01:00:00.log.gz'), gzipSync(readFileSync(sample('rita/proxy', 'http.log'))));
    symlinkSync(disk, join(z.logs, '2026-11-26'));
    symlinkSync('..', join(z.logs, 'current', 'loop')); // spool/zeek/loop -> spool: a loop through the link
    symlinkSync(join(z.logs), join(z.logs, 'self'));

    const files = await findLogs([z.logs]);
    assert.deepEqual(
      files.map((f) => f.slice(z.logs.length + 1)),
      ['2026-11-26/http.00:00:00-01:00:00.log.gz', 'current/conn.log', 'current/dns.log', 'current/ssl.log'],
      'each log once, through the links, despite the loops',
    );

    const r = await runCli(['scan', '--json', '--all', '--no-cnn', z.logs]);
    assert.equal(r.code, 0, r.stderr);
    const http = jsonLines<{ source: string; src: string; dst: string }>(r.stdout).filter((x) => x.source === 'http');
    assert.equal(`${http[0]!.src} -> ${http[0]!.dst}`, '10.136.0.18 -> www.honestimnotevil.com');
  },
);

test('a FIFO named like a log costs only itself: "skipped: not a regular file", in scan and in the tailer', { timeout: 60_000 }, async () => {
  const z = zeekctl('fifo');
  writeFileSync(
    join(z.spool, 'conn.log'),
    connHeader('2026-11-27-10-00-00') + connRows({ rows: 50, seed: 1, startTs: 1795773600, spanS: 500, pairs: 5 }),
  );
  mkfifo(join(z.spool, 'dns.2026-11-27-10-00-00.log'));
  mkfifo(join(z.spool, 'http.log'));

  const r = await runCli(['scan', '--json', '--all', '--no-cnn', z.logs], { timeoutMs: 30_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /dns\.2026-11-27-10-00-00\.log: skipped: not a regular file/);
  assert.match(r.stderr, /http\.log: skipped: not a regular file/);

  const store = Store.open(join(root, 'fifo.sqlite'));
  const problems: string[] = [];
  const tailer = new ZeekTailer({
    dir: z.logs,
    store: store.ingest,
    extractor: new PairExtractor(new LocalNetworks()),
    backfillS: 10 * 365 * 86400,
    sweepMs: 100,
    onProblem: (p) => problems.push(`${p.file}: ${p.problem}`),
  });
  try {
    await tailer.start();
    mkfifo(join(z.spool, 'ssl.log')); // appears while following
    await new Promise((res) => setTimeout(res, 500));
    await tailer.idle();
    assert.equal(store.pairs.counts().events, 50, 'the regular file is read');
  } finally {
    await tailer.stop();
    store.close();
  }
  assert.ok(
    problems.some((p) => /dns\.2026-11-27-10-00-00\.log: skipped: not a regular file/.test(p)),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((p) => /ssl\.log: skipped: not a regular file/.test(p)),
    problems.join('\n'),
  );
  assert.equal(problems.filter((p) => /http\.log/.test(p)).length, 1, 'said once, not on every sweep');
});

test('the tailer backfills through current -> ../spool/zeek and follows rotation into a dated folder', { timeout: 60_000 }, async () => {
  const z = zeekctl('tail');
  const live = join(z.spool, 'conn.log');
  writeFileSync(live, connHeader('2026-11-27-10-00-00') + connRows({ rows: 100, seed: 11, startTs: 1795773600, spanS: 1000, pairs: 40 }));
  const store = Store.open(join(root, 'tail.sqlite'));
  const problems: string[] = [];
  const tailer = new ZeekTailer({
    dir: z.logs,
    store: store.ingest,
    extractor: new PairExtractor(new LocalNetworks()),
    backfillS: 10 * 365 * 86400,
    sweepMs: 200,
    onProblem: (p) => problems.push(`${p.file}: ${p.problem}`),
  });
  const events = () => store.pairs.counts().events;
  const waitFor = async (n: number) => {
    const end = Date.now() + 10_000;
    while (events() < n && Date.now() < end) await new Promise((res) => setTimeout(res, 50));
    await new Promise((res) => setTimeout(res, 400));
    await tailer.idle();
    assert.equal(events(), n);
  };
  try {
    await tailer.start();
    assert.equal(events(), 100, 'backfill read current/conn.log through the link');
    appendFileSync(live, connRows({ rows: 30, seed: 12, startTs: 1795774700, spanS: 300, pairs: 40 }));
    await waitFor(130);
    // zeekctl's archive: #close, move into logs/<date>/ gzipped, start a new live file in the spool
    appendFileSync(live, connRows({ rows: 20, seed: 13, startTs: 1795775100, spanS: 200, pairs: 40 }) + connClose('2026-11-27-11-00-00'));
    const day = join(z.logs, '2026-11-27');
    mkdirSync(day);
    const plain = join(day, 'conn.10:00:00-11:00:00.log');
    renameSync(live, plain);
    writeFileSync(`${plain}.gz`, gzipSync(readFileSync(plain)));
    unlinkSync(plain);
    writeFileSync(live, connHeader('2026-11-27-11-00-00') + connRows({ rows: 40, seed: 14, startTs: 1795777200, spanS: 400, pairs: 40 }));
    await waitFor(190);
  } finally {
    await tailer.stop();
    store.close();
  }
  assert.deepEqual(
    problems.filter((p) => !/past the end|ENOENT/.test(p)),
    [],
  );
});

test('allow import of a FIFO fails at once, naming it', { timeout: 60_000 }, async () => {
  const fifo = join(root, 'rules.json');
  mkfifo(fifo);
  const r = await runCli(['allow', 'import', '--db', join(root, 'allow.sqlite'), fifo], { timeoutMs: 30_000 });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /rules\.json: skipped: not a regular file/);
});
