// Words and numbers for people: durations, times, scores, pair names.
import type { CaseStatus, FindingView } from '../../../engine/api.js';
import { logOddsOf, probabilityText, timerCertainty } from '../../../engine/contract/probability.js';

const nf = new Intl.NumberFormat();

export function count(n: number): string {
  return nf.format(n);
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** "12.3 MB", "640 B"; "—" when unknown */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n) || n < 0) return '—';
  let v = n;
  let u = 0;
  while (v >= 1000 && u < BYTE_UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${BYTE_UNITS[u]}`;
}

export function duration(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  const a = Math.abs(s);
  if (a < 1) return `${s.toFixed(1)} s`;
  if (a < 90) return `${Math.round(s)} s`;
  if (a < 90 * 60) return `${Math.round(s / 60)} min`;
  if (a < 48 * 3600) return `${(s / 3600).toFixed(a < 10 * 3600 ? 1 : 0)} h`;
  return `${Math.round(s / 86400)} days`;
}

/** A finding's score as a person reads it: never "100 %" for two findings whose evidence differs. */
export function findingScore(f: Pick<FindingView, 'logOdds' | 'score'>): string {
  return Number.isFinite(f.logOdds) ? probabilityText(f.logOdds) : percent(f.score);
}

/** "very likely a timer: 99.97 % (odds 10^8 to 1)", from the strongest member's calibrated log-odds. */
export function timerText(f: Pick<FindingView, 'scores' | 'periodicity'>): string {
  return timerCertainty(f.scores['log_odds'] ?? logOddsOf(f.periodicity));
}

export function percent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${Math.round(x * 100)} %`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function when(epochS: number | null | undefined): string {
  if (!epochS) return '—';
  return dateTime.format(new Date(epochS * 1000));
}

const withSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

export function stamp(epochS: number): string {
  return withSeconds.format(new Date(epochS * 1000));
}

export function clock(epochS: number): string {
  return timeOnly.format(new Date(epochS * 1000));
}

/** "3 min ago", relative to now */
export function ago(epochS: number | null | undefined, now = Date.now() / 1000): string {
  if (!epochS) return 'never';
  const d = now - epochS;
  if (d < 0) return 'just now';
  if (d < 45) return 'just now';
  return `${duration(d)} ago`;
}

export const SOURCE_LABEL: Record<FindingView['source'], string> = {
  conn: 'connection',
  dns: 'DNS lookup',
  http: 'HTTP',
  ssl: 'TLS',
};

/** "DNS lookup (failing)" etc. */
export function kindOf(f: Pick<FindingView, 'source' | 'variant' | 'port' | 'proto'>): string {
  let k = SOURCE_LABEL[f.source];
  if (f.variant === 'failed') k += ' (failing)';
  else if (f.variant === 'domain') k += ' (whole domain)';
  if (f.source === 'conn' && f.port !== null) k += ` ${f.proto ?? ''}/${f.port}`.replace(' /', ' ');
  return k;
}

/** the owner's case status as the list and the finding page say it */
export const CASE_LABEL: Record<CaseStatus, string> = { open: 'open', investigating: 'investigating', resolved: 'resolved' };

export const STATE_LABEL: Record<FindingView['state'], string> = {
  new: 'new',
  known: 'known',
  dismissed: 'dismissed',
  seen: 'below threshold',
};

const SCORE_NAMES: Record<string, string> = {
  stats: 'Statistics (combined)',
  rita_ts: 'Timing regularity (RITA)',
  rita_ds: 'Size regularity (RITA)',
  rita_hist: 'Spread over the day (RITA)',
  rita_dur: 'Duration (RITA)',
  cnn: 'Model (combined)',
  beacon: 'Model: beaconing',
  jitter: 'Model: jittered',
  'cnn.beacon': 'Model: beaconing',
  'cnn.jitter': 'Model: jittered',
  activities: 'Activities (check-ins)',
  reg_z: 'Timer test: z against random arrivals',
  reg_tail_z: 'Timer test: tail z (few check-ins)',
  backoff_z: 'Back-off test: z against random arrivals',
  spread: 'Spread of intervals (MAD ÷ median)',
  log_odds: 'Calibrated score (log-odds: 0 is even odds, each +2.3 ten times likelier a timer)',
  days: 'Days of events judged (more than one: a slow schedule, judged over the stored days)',
};

/** A person's name for a scorer value, falling back to the engine's key */
export function scoreName(key: string): string {
  return SCORE_NAMES[key] ?? key;
}

/** A term's push on the score's log odds (engine/score/explain.ts) in words. */
export function termEffect(logOdds: number): { effect: 'raises' | 'lowers' | 'none'; text: string } {
  if (Math.abs(logOdds) < 0.05) return { effect: 'none', text: '— no evidence' };
  return logOdds > 0 ? { effect: 'raises', text: '▲ raises' } : { effect: 'lowers', text: '▼ lowers' };
}

/** The measurement a term reads, in words first: a z-score against random arrivals, or a 0–1 score. */
export function measuredText(key: string, value: number): string {
  if (key === 'cnn') return `${percent(value)} beacon-like`;
  if (key === 'rita') return `regularity ${value.toFixed(2)} of 1`;
  const words =
    value >= 10
      ? 'far more regular than chance'
      : value >= 3
        ? 'clearly more regular than chance'
        : value >= 1
          ? 'a little more regular than chance'
          : 'no more regular than chance';
  return `${words} (z = ${value.toFixed(1)})`;
}

/** A scorer value for the map: beacon probability, falling back to the combined score */
export function beaconProb(f: FindingView): number {
  return f.scores['beacon'] ?? f.scores['cnn.beacon'] ?? f.score;
}

export function jitterProb(f: FindingView): number {
  return f.scores['jitter'] ?? f.scores['cnn.jitter'] ?? 0;
}
