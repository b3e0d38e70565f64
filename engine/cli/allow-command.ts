// `beaconwatch allow add|list|rm|disable|enable|import|export`: manage the allow-list in a database file.
// Patterns and notes may come from imported files: everything printed to a terminal goes
// through safeText (control and bidi characters replaced).
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { AllowRule, AllowRuleInput } from '../contract/api.js';
import type { LogSource } from '../contract/types.js';
import type { Store } from '../../db/store.js';
import type { Allowlist } from '../allowlist/index.js';
import { safeText } from './format.js';
import { runOnStore } from './store-command.js';
import { terminalSafeJson as jsonForTerminal } from '../text/terminal-safe.js';
import { ZeekLogError } from '../zeek/errors.js';
import { readRegularFileText } from '../zeek/regular-file.js';
import { parseDuration, parseInstant } from './parse.js';

export type OpenStore = (dbFile: string | undefined) => Pick<Store, 'allowlist' | 'close'>;

interface AddFlags {
  dst?: string;
  src?: string;
  source?: LogSource;
  proto?: 'tcp' | 'udp' | 'icmp';
  port?: number;
  service?: string;
  note?: string;
  expires?: string;
  force?: boolean;
}

const DB_HELP = 'SQLite database file holding the allow-list (default: the app database)';

export function registerAllowCommand(program: Command, openStore: OpenStore): void {
  const allow = program.command('allow').description('manage the allow-list: known, benign periodic traffic shown as "known" instead of alerting');

  /** Open the store, run `fn`, close; failures become a clean error with exit code 1. */
  const withAllowlist = (cmd: Command, fn: (list: Allowlist) => void | Promise<void>): Promise<void> =>
    runOnStore(cmd, 'allow', openStore, async (handle) => {
      // loaded when an allow command runs: its validation loads zod, which `scan` does without
      const { Allowlist } = await import('../allowlist/allowlist.js');
      await fn(new Allowlist(handle.allowlist));
    });
  /** a forced match-everything rule: say so on standard error */
  const warn = (cmd: Command, warnings: readonly string[]): void => {
    const write = cmd.configureOutput().writeErr ?? ((s: string) => process.stderr.write(s));
    for (const w of warnings) write(`warning: ${safeText(w)}\n`);
  };
  const out = (cmd: Command, text: string): void => {
    const write = cmd.configureOutput().writeOut ?? ((s: string) => process.stdout.write(s));
    write(text.endsWith('\n') ? text : `${text}\n`);
  };

  allow
    .command('add')
    .description('add a rule; every option given must match (at least --dst or --src)')
    .option('--dst <pattern>', 'destination: example.com, *.example.com (it and its subdomains), an IP or a CIDR')
    .option('--src <address>', 'device: an IP address or CIDR')
    .option('--source <log>', 'only pairs from this log: conn, dns, http or ssl', choice(['conn', 'dns', 'http', 'ssl']))
    .option('--proto <proto>', 'responder transport: tcp, udp or icmp', choice(['tcp', 'udp', 'icmp']))
    .option('--port <port>', 'responder port', parsePort)
    .option('--service <name>', "Zeek's service for the connection (ntp, dns, ssl…)")
    .option('--note <text>', 'why this traffic is fine (shown next to the pair)')
    .option('--expires <when>', 'expire after a duration (7d, 12h) or at a time (ISO 8601)')
    .option('--force', 'accept a rule that matches everything (0.0.0.0/0, ::/0…), normally refused')
    .option('--db <file>', DB_HELP)
    .action(async (flags: AddFlags, cmd: Command) => {
      await withAllowlist(cmd, (list) => {
        const input: AllowRuleInput = {};
        for (const k of ['dst', 'src', 'source', 'proto', 'port', 'service', 'note'] as const) {
          if (flags[k] !== undefined) (input as Record<string, unknown>)[k] = flags[k];
        }
        if (flags.expires !== undefined) input.expiresAt = parseExpiry(flags.expires, Date.now() / 1000);
        if (flags.force) input.force = true;
        const rule = list.add(input);
        warn(cmd, list.lastWarnings);
        out(cmd, `added ${rule.id}: ${describe(rule)}`);
      });
    });

  allow
    .command('list')
    .description('list the rules: built-in entries (marked) and your own')
    .option('--json', 'print the rules as a JSON array')
    .option('--db <file>', DB_HELP)
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      await withAllowlist(cmd, (list) => {
        const rules = list.rules();
        out(cmd, flags.json ? jsonForTerminal(JSON.stringify(rules, null, 2)) : rulesTable(rules));
      });
    });

  allow
    .command('rm')
    .description('remove one of your rules (built-in entries can only be disabled)')
    .argument('<id>', 'rule id, as shown by `allow list`')
    .option('--db <file>', DB_HELP)
    .action(async (id: string, _flags: unknown, cmd: Command) => {
      await withAllowlist(cmd, (list) => {
        try {
          if (!list.remove(id)) throw new Error(`no rule with id ${JSON.stringify(id)}`);
        } catch (err) {
          // a built-in entry: say how to disable it here
          if (list.rules().some((r) => r.id === id && r.builtin))
            throw new Error(`${(err as Error).message}: beaconwatch allow disable ${id}`, { cause: err });
          throw err;
        }
        out(cmd, `removed ${safeText(id)}`);
      });
    });

  for (const [name, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    allow
      .command(name)
      .description(`${name} a rule, built-in or your own, keeping it (${enabled ? 'it matches again' : 'it stops matching until enabled'})`)
      .argument('<id>', 'rule id, as shown by `allow list`')
      .option('--db <file>', DB_HELP)
      .action(async (id: string, _flags: unknown, cmd: Command) => {
        await withAllowlist(cmd, (list) => {
          if (!list.rules().some((r) => r.id === id)) throw new Error(`no rule with id ${JSON.stringify(id)}`);
          const rule = list.update(id, { enabled });
          out(cmd, `${enabled ? 'enabled' : 'disabled'} ${safeText(rule.id)}: ${describe(rule)}`);
        });
      });
  }

  allow
    .command('import')
    .description('import rules from a file written by `allow export` (all of it, or nothing)')
    .argument('<file>', 'JSON file')
    .option('--force', 'accept rules that match everything (0.0.0.0/0, ::/0…), normally refused')
    .option('--db <file>', DB_HELP)
    .action(async (file: string, flags: { force?: boolean }, cmd: Command) => {
      await withAllowlist(cmd, (list) => {
        let json: string;
        try {
          // a FIFO given by mistake would block forever: only regular files are opened
          json = readRegularFileText(file);
        } catch (err) {
          if (err instanceof ZeekLogError)
            throw new Error(`cannot read ${file}: ${err.problem.replace(/^cannot open \((.*)\)$/, '$1')}`, { cause: err });
          throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
        }
        const r = list.importJson(json, undefined, flags.force === true);
        warn(cmd, list.lastWarnings);
        out(cmd, `imported from ${safeText(file)}: ${r.added} added, ${r.replaced} replaced`);
      });
    });

  allow
    .command('export')
    .description('write your rules and your changes to built-in entries as JSON')
    .argument('[file]', 'output file (default: standard output)')
    .option('--db <file>', DB_HELP)
    .action(async (file: string | undefined, _flags: unknown, cmd: Command) => {
      await withAllowlist(cmd, (list) => {
        const json = list.exportJson();
        if (file === undefined || file === '-') {
          out(cmd, jsonForTerminal(json));
          return;
        }
        writeFileSync(file, json);
        out(cmd, `exported to ${safeText(file)}`);
      });
    });
}

function choice(values: readonly string[]) {
  return (v: string): string => {
    const x = v.trim().toLowerCase();
    if (!values.includes(x)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}`);
    return x;
  };
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n > 65535) throw new InvalidArgumentError('expected a port number 0–65535');
  return n;
}

/** `7d`, `12h`, `90m` → now + duration; otherwise an instant (ISO 8601 or epoch seconds). */
export function parseExpiry(value: string, now: number): number {
  const v = value.trim();
  if (/^\d+(\.\d+)?\s*[smhdw]$/i.test(v)) return now + parseDuration(v);
  return parseInstant(v);
}

function describe(r: AllowRule): string {
  const parts: string[] = [];
  if (r.source) parts.push(r.source);
  if (r.src) parts.push(`from ${r.src}`);
  if (r.dst) parts.push(`to ${r.dst}`);
  if (r.proto || r.port !== null) parts.push(`${r.proto ?? 'any'}/${r.port ?? 'any'}`);
  if (r.service) parts.push(`service ${r.service}`);
  if (r.expiresAt !== null) parts.push(`until ${new Date(r.expiresAt * 1000).toISOString()}`);
  return safeText(parts.join(' '));
}

function rulesTable(rules: readonly AllowRule[]): string {
  const head = ['ID', 'KIND', 'STATE', 'MATCHES', 'CATEGORY', 'NOTE'];
  const now = Date.now() / 1000;
  const rows = rules.map((r) => [
    safeText(r.id),
    r.builtin ? 'built-in' : 'own',
    !r.enabled ? 'disabled' : r.expiresAt !== null && r.expiresAt <= now ? 'expired' : 'enabled',
    describe(r),
    r.category ?? '-',
    safeText(r.note),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
