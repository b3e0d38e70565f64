// What the tray shows: a tooltip, status lines, and the actions. Plain data (no Electron
// import); tray.ts turns it into a Menu. Status comes from host `status` events and a
// getStatus poll (~10 s).
import type { EngineStatus } from '../engine/api.js';
import { backfillWords } from '../engine/contract/backfill-words.js';

export type TrayAction = 'open' | 'rescore' | 'toggle-pause' | 'quit';

export type TrayItem =
  { kind: 'status'; label: string } | { kind: 'separator' } | { kind: 'action'; action: TrayAction; label: string; enabled: boolean };

export interface TrayModel {
  tooltip: string;
  items: TrayItem[];
}

export interface TrayModelInput {
  status: EngineStatus | null;
  /** a rescore started from the tray or the window is running */
  rescoring: boolean;
  /** epoch ms */
  now: number;
}

const nf = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "just now", "45 s ago", "12 min ago", "3 h ago", "2 d ago". */
export function ago(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 5) return 'just now';
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** A lag in seconds, in words: "2 s", "4 min", "3 h". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

/** Engine timestamps are epoch seconds. */
export function lastRescoreLine(status: EngineStatus | null, nowMs: number): string {
  const r = status?.lastRescore;
  if (!r) return 'Last rescore: not yet';
  return `Last rescore: ${ago(nowMs / 1000 - r.at)} (${nf.format(r.pairs)} pairs)`;
}

export function stateLine(status: EngineStatus | null): string {
  if (!status) return 'Starting…';
  if (status.paused) return 'Paused';
  if (status.demo) return 'Showing the demo day';
  // an empty or unreadable folder is an error, never a quiet "following"
  const dir = status.logDir;
  if (dir?.state === 'no-logs') return `No Zeek logs in ${dir.dir}`;
  if (dir?.state === 'unreadable') return `No readable Zeek log in ${dir.dir}`;
  if (dir?.state === 'checking') return `Looking for Zeek logs in ${dir.dir}`;
  if (status.backfill) {
    const words = backfillWords(status.backfill);
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  if (status.tailing) return 'Following Zeek logs';
  return status.zeekDir || (status.sensors?.length ?? 0) > 0 ? 'Not following: check the Zeek directory' : 'No Zeek directory chosen';
}

/**
 * What the last rescore found: "Nothing found: <what was scored and left out>" (never a bare
 * all-clear), "3 findings to look at", or null before a rescore of this run.
 */
export function outcomeLine(status: EngineStatus | null): string | null {
  const n = status?.lastRescore?.findings;
  if (n === undefined) return null;
  if (n > 0) return `${nf.format(n)} ${n === 1 ? 'finding' : 'findings'} to look at`;
  return `Nothing found: ${status?.coverageNote?.sentence ?? 'nothing was scored.'}`;
}

export function buildTrayModel({ status, rescoring, now }: TrayModelInput): TrayModel {
  const outcome = outcomeLine(status);
  const lines = [
    stateLine(status),
    ...(outcome ? [outcome] : []),
    lastRescoreLine(status, now),
    `Events/min: ${status ? nf.format(status.eventsPerMinute) : '–'}`,
    `Ingest lag: ${status?.ingestLagS == null ? '–' : duration(status.ingestLagS)}`,
  ];
  const paused = status?.paused ?? false;
  return {
    tooltip: `Beaconwatch — ${lines[0]}${outcome ? `\n${outcome}` : ''}`,
    items: [
      ...lines.map((label): TrayItem => ({ kind: 'status', label })),
      { kind: 'separator' },
      { kind: 'action', action: 'open', label: 'Open Beaconwatch', enabled: true },
      { kind: 'action', action: 'rescore', label: rescoring ? 'Rescoring…' : 'Rescore now', enabled: status !== null && !rescoring },
      { kind: 'action', action: 'toggle-pause', label: paused ? 'Resume' : 'Pause', enabled: status !== null },
      { kind: 'separator' },
      { kind: 'action', action: 'quit', label: 'Quit Beaconwatch', enabled: true },
    ],
  };
}
