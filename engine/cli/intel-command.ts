// `beaconwatch intel update|import|list|set`: the threat-intel feeds in a database file. Feeds
// only raise findings (GUIDE §6); `update` needs the internet, `import` does not (a feed file
// fetched on another machine, for a sensor without internet). Feed text and errors quote
// servers and files: everything printed goes through safeText.
import { InvalidArgumentError, type Command } from 'commander';
import type { Store } from '../../db/store.js';
import type { FeedFormat } from '../contract/intel-values.js';
import { FEED_FORMATS } from '../intel/feeds.js';
import { defineBuiltinFeeds, importFeedFile, updateFeeds } from '../intel/update.js';
import { ageText, intelStatus } from '../intel/status.js';
import { runOnStore } from './store-command.js';
import { safeText } from './format.js';
import { terminalSafeJson } from '../text/terminal-safe.js';
import type { IntelFeedResult } from '../contract/api.js';

export type OpenIntelStore = (dbFile: string | undefined) => Pick<Store, 'intel' | 'close'>;

const DB_HELP = 'SQLite database file holding the feeds (default: the app database)';

function parseFormat(v: string): FeedFormat {
  if (!(FEED_FORMATS as readonly string[]).includes(v)) throw new InvalidArgumentError(`"${v}" is not a feed format (${FEED_FORMATS.join(', ')})`);
  return v as FeedFormat;
}

function parseHours(v: string): number {
  const h = Number(v.replace(/h$/i, ''));
  if (!(h >= 1 && h <= 24 * 30)) throw new InvalidArgumentError(`"${v}" is not a schedule (hours, 1 to 720: 24, 12h)`);
  return h;
}

export function registerIntelCommand(program: Command, openStore: OpenIntelStore): void {
  const intel = program
    .command('intel')
    .description('threat-intel feeds (Feodo Tracker, ThreatFox, SSLBL, URLhaus, your own lists): a listed destination raises its finding');

  const out = (cmd: Command, text: string): void => {
    const write = cmd.configureOutput().writeOut ?? ((s: string) => process.stdout.write(s));
    write(text.endsWith('\n') ? text : `${text}\n`);
  };
  // some feeds failed: said per feed, and the exit code says it to scripts
  const withStore = (cmd: Command, fn: (store: Pick<Store, 'intel'>) => Promise<number> | number): Promise<void> =>
    runOnStore(cmd, 'intel', openStore, fn);

  intel
    .command('update')
    .description('download the feeds that are due (needs the internet; --force: all of them) and re-read your folder of lists')
    .option('--force', 'fetch every enabled feed, due or not')
    .option('--db <file>', DB_HELP)
    .action(async (flags: { force?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const results = await updateFeeds(store.intel, { force: flags.force ?? false });
        out(cmd, results.map(resultLine).join('\n'));
        if (results.some((r) => r.outcome === 'failed' && /could not reach the server/.test(r.error ?? '')))
          out(cmd, 'without internet here: download the files on another machine and run beaconwatch intel import FILE');
        if (!flags.force && !store.intel.config().enabled)
          out(cmd, 'downloads are off: beaconwatch intel set --on, or intel update --force for once');
        return results.some((r) => r.outcome === 'failed') ? 2 : 0;
      });
    });

  intel
    .command('import')
    .description('read a feed file downloaded elsewhere (no internet needed); the format is recognised from its header')
    .argument('<file>', 'a feed in its published format (Feodo CSV, ThreatFox CSV, SSLBL CSV, URLhaus host file) or a plain list')
    .option('--format <format>', `the file's format: ${FEED_FORMATS.join(', ')}`, parseFormat)
    .option('--name <name>', "the feed's name (default: the built-in feed of its format, else the file's name)")
    .option('--db <file>', DB_HELP)
    .action(async (file: string, flags: { format?: FeedFormat; name?: string }, cmd: Command) => {
      await withStore(cmd, (store) => {
        defineBuiltinFeeds(store.intel);
        const r = importFeedFile(store.intel, file, {
          ...(flags.format ? { format: flags.format } : {}),
          ...(flags.name ? { name: flags.name } : {}),
        });
        out(cmd, resultLine(r));
        return 0;
      });
    });

  intel
    .command('list')
    .description('each feed: entries, age of its copy, last error')
    .option('--json', 'print the status as JSON')
    .option('--db <file>', DB_HELP)
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, (store) => {
        defineBuiltinFeeds(store.intel);
        const s = intelStatus(store.intel);
        if (flags.json) {
          out(cmd, terminalSafeJson(JSON.stringify(s, null, 2)));
          return 0;
        }
        const now = Date.now() / 1000;
        const rows = s.feeds.map((f) =>
          [
            f.name,
            f.enabled ? 'on' : 'off',
            String(f.entries),
            ageText(f.checkedAt, now),
            f.lastError ? `${f.lastError} (${ageText(f.lastErrorAt, now)})` : '',
          ].map((c) => safeText(c)),
        );
        const head = ['FEED', 'STATE', 'ENTRIES', 'CHECKED', 'LAST ERROR'];
        const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        const line = (r: string[]) =>
          r
            .map((c, i) => c.padEnd(widths[i]!))
            .join('  ')
            .trimEnd();
        const schedule = s.enabled
          ? `downloads every ${s.scheduleHours} h while watch, serve or the app runs`
          : 'downloads off (imports and your folder still count)';
        out(
          cmd,
          [line(head), ...rows.map(line), '', `${s.entries} entries; ${schedule}; your folder: ${safeText(s.customDir ?? 'none')}`].join('\n'),
        );
        return 0;
      });
    });

  intel
    .command('set')
    .description('the schedule, its off switch and your folder of plain lists')
    .option('--schedule <hours>', 'hours between downloads (default 24)', parseHours)
    .option('--on', 'download on the schedule')
    .option('--off', 'never download (imports and your folder still count)')
    .option('--folder <dir>', 'a folder of plain lists: one IP, CIDR or domain a line, # comments ("" for none)')
    .option('--feed <name>', 'switch one feed --on or --off instead')
    .option('--db <file>', DB_HELP)
    .action(async (flags: { schedule?: number; on?: boolean; off?: boolean; folder?: string; feed?: string }, cmd: Command) => {
      await withStore(cmd, (store) => {
        if (flags.on && flags.off) throw new Error('--on or --off, not both');
        defineBuiltinFeeds(store.intel);
        if (flags.feed) {
          if (flags.on === undefined && flags.off === undefined) throw new Error('--feed needs --on or --off');
          if (!store.intel.setEnabled(flags.feed, Boolean(flags.on))) throw new Error(`no feed named ${flags.feed} (see beaconwatch intel list)`);
          out(cmd, `${flags.feed}: ${flags.on ? 'on' : 'off'}`);
          return 0;
        }
        const c = store.intel.setConfig({
          ...(flags.schedule !== undefined ? { scheduleHours: flags.schedule } : {}),
          ...(flags.on ? { enabled: true } : flags.off ? { enabled: false } : {}),
          ...(flags.folder !== undefined ? { customDir: flags.folder === '' ? null : flags.folder } : {}),
        });
        out(cmd, safeText(`downloads ${c.enabled ? `every ${c.scheduleHours} h` : 'off'}; your folder: ${c.customDir ?? 'none'}`));
        return 0;
      });
    });
}

function resultLine(r: IntelFeedResult): string {
  const what =
    r.outcome === 'updated'
      ? `updated, ${r.entries} entries`
      : r.outcome === 'not-modified'
        ? `not modified (${r.entries} entries)`
        : r.outcome === 'skipped'
          ? `not due or off (${r.entries} entries)`
          : `failed: ${r.error} (${r.entries > 0 ? `kept the last good copy: ${r.entries} entries` : 'no copy yet'})`;
  return safeText(`${r.feed}: ${what}`);
}
