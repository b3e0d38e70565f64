// `beaconwatch serve`: the engine plus the HTTP server, until SIGINT/SIGTERM. Loopback by
// default; every address, loopback included, gets a random token, printed inside the URL (other
// local users can reach loopback too).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDbFile } from '../app/paths.js';
import { terminalSafe, terminalSafeLines } from '../text/terminal-safe.js';
import { createEngineHost } from '../service/create-host.js';
import { startHttpServer } from './http-server.js';

export interface ServeOptions {
  port: number;
  host: string;
  db: string | null;
  zeekDir: string | null;
  demo: boolean;
  /** `--sensor name=DIR` each: replaces the stored sensors list */
  sensors?: readonly string[];
}

/** renderer/dist, from the source tree (tsx) or from the compiled dist/engine/serve */
export function rendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '../../renderer/dist'), join(here, '../../../renderer/dist')];
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? candidates[0]!;
}

/** URLs to open: a wildcard bind (0.0.0.0, ::) is reached through the machine's own addresses */
export function reachableUrls(url: string, host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [url];
  const addrs = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && (a.family === 'IPv4' || (host === '::' && !a.address.startsWith('fe80'))))
    .map((a) => (a!.family === 'IPv6' ? `[${a!.address}]` : a!.address));
  return addrs.length > 0 ? addrs.map((a) => `http://${a}:${port}/`) : [url];
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export async function runServe(opts: ServeOptions): Promise<void> {
  // engine and HTTP logs carry file names and messages from logs: escaped like every output path
  const log = (line: string) => process.stderr.write(`${terminalSafeLines(line)}\n`);
  let tempDir: string | null = null;
  let dbFile = opts.db;
  if (!dbFile && opts.demo) {
    tempDir = await mkdtemp(join(tmpdir(), 'beaconwatch-demo-'));
    dbFile = join(tempDir, 'demo.sqlite');
  }
  dbFile ??= defaultDbFile();
  await mkdir(dirname(dbFile), { recursive: true });

  const token = newToken();
  const staticDir = rendererDir();
  if (!existsSync(join(staticDir, 'index.html'))) log(`warning: ${staticDir} has no build; run \`npm run build:renderer\``);

  const host = await createEngineHost({
    dbFile,
    mode: 'serve',
    ...(opts.zeekDir !== null || opts.sensors ? { zeekDir: opts.zeekDir } : {}),
    ...(opts.sensors ? { sensors: opts.sensors } : {}),
    demo: opts.demo,
    log,
  });
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    server = await startHttpServer({ api: host.api, host: opts.host, port: opts.port, token, staticDir, log });
  } catch (err) {
    await host.stop();
    throw err;
  }
  const port = Number(new URL(server.url).port);
  for (const base of reachableUrls(server.url, opts.host, port)) {
    process.stdout.write(`Beaconwatch is serving on ${base}#token=${token}\n`);
  }
  process.stdout.write('Anyone with this URL can use the API: share it only with people you trust.\n');
  process.stdout.write(`Store: ${terminalSafe(dbFile)}${opts.demo ? ' (demo data)' : ''}\n`);
  // start tailing after the server answers, so the UI shows the backfill progress
  host
    .start()
    .then(async () => {
      // an empty or stale folder must not look like a quiet network
      const s = await host.api.getStatus({});
      if (s.logDir?.message) log(`warning: ${s.logDir.message}`);
    })
    .catch((err: Error) => log(`engine: ${err.message}`));

  await new Promise<void>((resolveStop) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: stopping`);
      void Promise.allSettled([server.close(), host.stop()])
        .then(() => (tempDir ? rm(tempDir, { recursive: true, force: true }) : undefined))
        .finally(() => resolveStop());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
