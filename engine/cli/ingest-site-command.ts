// `beaconwatch ingest-site --store URL --sensor name=DIR…`: append each sensor folder's pair
// events (conn, dns, http, ssl) to a site store, resuming every file where the store's position
// says. One pass, then it exits (run it from cron or a timer on each sensor box); a run killed
// midway, or one whose server went away, is simply run again: nothing is lost or doubled.
import type { Command } from 'commander';
import { safeText } from './format.js';

interface SensorDir {
  sensor: string;
  dir: string;
}

/** `name=DIR`, repeated */
export function parseSensorOption(value: string, previous: SensorDir[] = []): SensorDir[] {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw new Error(`--sensor ${JSON.stringify(value)}: write --sensor name=DIR`);
  const sensor = value.slice(0, eq);
  if (previous.some((s) => s.sensor === sensor)) throw new Error(`--sensor ${JSON.stringify(sensor)} is given twice`);
  return [...previous, { sensor, dir: value.slice(eq + 1) }];
}

export function registerIngestSiteCommand(program: Command): void {
  program
    .command('ingest-site')
    .description(
      "append sensor folders' pair events to a site store (ClickHouse shared by several machines, or a folder of SQLite stores), resuming where each file stopped",
    )
    .requiredOption('--store <url>', 'clickhouse://host:8123/database, or a folder (one SQLite store per sensor)')
    .requiredOption('--sensor <name=dir>', 'a sensor and its Zeek log folder (repeat for several)', parseSensorOption)
    .action(async (flags: { store: string; sensor: SensorDir[] }) => {
      // loaded when the command runs: scan's start-up never loads the ClickHouse client
      const [{ openSiteStore }, { appendLogToSite }, { findLogs }, { PairExtractor }, { LocalNetworks }, { DEFAULT_SETTINGS }] = await Promise.all([
        import('./site-store-url.js'),
        import('../site/append-log.js'),
        import('../ingest/find-logs.js'),
        import('../pairs/extract.js'),
        import('../pairs/local-networks.js'),
        import('../service/default-settings.js'),
      ]);
      const store = await openSiteStore(flags.store);
      try {
        const extractor = new PairExtractor(new LocalNetworks(DEFAULT_SETTINGS.localNetworks));
        for (const { sensor, dir } of flags.sensor) {
          let stored = 0;
          let resent = 0;
          const files = await findLogs([dir]);
          for (const file of files) {
            const r = await appendLogToSite(store, file, { sensor, extractor });
            stored += r.stored;
            resent += r.resent;
          }
          process.stdout.write(`${safeText(sensor)}: ${files.length} files, ${stored} events stored${resent ? `, ${resent} already there` : ''}\n`);
        }
      } finally {
        await store.close();
      }
    });
}
