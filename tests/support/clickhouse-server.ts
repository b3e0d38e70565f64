// A real clickhouse-server for tests and the bench: started as a plain process (no systemd) on a
// free loopback port with its data, tmp and logs under a temp folder, waited for until it answers,
// killed and started again on the same data (the crash test), stopped and deleted after.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CANDIDATES = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'];

/** The server binary, or null with the reason to skip. */
export function findClickHouseServer(): { binary: string | null; reason: string } {
  const binary = process.env.CLICKHOUSE_SERVER ?? CANDIDATES.find((c) => existsSync(c));
  if (binary && existsSync(binary)) return { binary, reason: '' };
  return {
    binary: null,
    reason: `clickhouse-server is not installed (looked for ${CANDIDATES.join(', ')}; apt-get install clickhouse-server, as .ci/run does)`,
  };
}

export interface ClickHouseServer {
  /** the HTTP interface, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly dir: string;
  /** SIGKILL the server and wait until it is gone (its data stays) */
  kill(): Promise<void>;
  /** start it again on the same port and data */
  restart(): Promise<void>;
  /** stop it and delete its folder */
  stop(): Promise<void>;
}

export async function startClickHouse(binary: string): Promise<ClickHouseServer> {
  const dir = mkdtempSync(join(tmpdir(), 'beaconwatch-clickhouse-'));
  const port = await freePort();
  for (const d of ['data', 'tmp', 'log', 'user_files', 'format_schemas']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'config.xml'), serverConfig(dir, port));
  writeFileSync(join(dir, 'users.xml'), USERS);
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    const c = spawn(binary, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
    child = c;
    // a test runner that dies leaves no server behind
    const reap = (): void => void c.kill('SIGKILL');
    process.once('exit', reap);
    c.once('exit', () => process.off('exit', reap));
    await waitUntilAnswers(url, c, dir);
  };
  const kill = async (): Promise<void> => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGKILL');
    await gone;
  };
  await launch();
  return {
    url,
    dir,
    kill,
    restart: launch,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilAnswers(url: string, child: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`clickhouse-server exited with ${child.exitCode}: ${tail(join(dir, 'log', 'err.log'))}`);
    try {
      const r = await fetch(`${url}/ping`);
      if (r.ok && (await r.text()).startsWith('Ok')) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`clickhouse-server did not answer on ${url} within 60 s: ${tail(join(dir, 'log', 'err.log'))}`);
}

function tail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-800) : '(no error log)';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

// HTTP only (no tcp_port: nothing else listens), loopback only, everything under `dir`.
function serverConfig(dir: string, port: number): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/err.log</errorlog><console>0</console></logger>
  <http_port>${port}</http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>67108864</mark_cache_size>
</yandex>
`;
}

const USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;
