// The coverage sentence: what a run scored and what it did not, said next to every "nothing
// found" (CLI, overview, tray, alerts), so quiet never means "did not look" (GUIDE §6).
import type { Coverage, CoverageNote } from '../contract/values.js';
import { formatDuration } from './describe.js';

/** how to include what was left out: CLI flags, or the desktop's window picker */
export type CoverageAudience = 'cli' | 'app';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** "2024-04-21 10:00 UTC" (UTC: the CLI and the tests must not depend on the machine's zone) */
export function utcMinute(t: number): string {
  return `${new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
const utcDay = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);

/** a window length a person reads: "24 h", "7 days" */
function windowWords(s: number): string {
  if (s % 86_400 === 0 && s >= 2 * 86_400) return `${s / 86_400} days`;
  if (s % 3600 === 0) return `${s / 3600} h`;
  return formatDuration(s);
}

/** how long the stored logs span: hours below two days ("34 h"), else days ("3 days") */
function spanWords(s: number): string {
  if (s < 2 * 86_400) return `${Math.max(1, Math.ceil(s / 3600))} h`;
  return plural(Math.round(s / 86_400), 'day');
}

/** the --window that covers every stored event, rounded up to whole days */
function windowToInclude(c: Coverage): string {
  const span = (c.windowEnd - (c.dataFrom ?? c.windowEnd)) / 86_400;
  return `${Math.max(1, Math.ceil(span))}d`;
}

/**
 * One sentence, e.g. "3 days of logs (2024-04-18 – 2024-04-21); scored the 24 h ending
 * 2024-04-21 10:00 UTC; 1,890 pairs (41,000 events) outside it: --window 4d or --all-time to
 * include them; 2 files unreadable or not Zeek logs." Every part that left data out is named.
 */
export function coverageSentence(c: Coverage, audience: CoverageAudience = 'cli'): string {
  const parts: string[] = [];
  if (c.dataFrom !== null && c.dataTo !== null) {
    const range = utcDay(c.dataFrom) === utcDay(c.dataTo) ? utcDay(c.dataFrom) : `${utcDay(c.dataFrom)} – ${utcDay(c.dataTo)}`;
    parts.push(`${spanWords(c.dataTo - c.dataFrom)} of logs (${range})`);
  } else {
    parts.push('no events stored');
  }
  parts.push(
    c.allTime
      ? `scored all of it (${plural(c.pairsInWindow, 'pair')}, window ending ${utcMinute(c.windowEnd)})`
      : `scored the ${windowWords(c.windowS)} ending ${utcMinute(c.windowEnd)} (${plural(c.pairsInWindow, 'pair')})`,
  );
  if (c.pairsOutside > 0) {
    // a window of years (a sensor clock once at 1970, test data) is no advice: --all-time is
    const span = windowToInclude(c);
    const flags = parseInt(span, 10) > 366 ? '--all-time' : `--window ${span} or --all-time`;
    const how = audience === 'cli' ? `${flags} to include them` : 'choose a longer window to include them';
    parts.push(`${plural(c.pairsOutside, 'pair')} (${plural(c.eventsOutside, 'event')}) outside it: ${how}`);
  } else if (c.dataFrom !== null) {
    parts.push('nothing outside it');
  }
  if (c.filesUnreadable > 0) parts.push(`${plural(c.filesUnreadable, 'file')} of ${count(c.filesFound)} unreadable or not Zeek logs`);
  if (c.rowsSkipped > 0) parts.push(`${plural(c.rowsSkipped, 'row')} skipped as malformed`);
  else if (c.problems > c.filesUnreadable) parts.push(`${plural(c.problems - c.filesUnreadable, 'other problem')} (skipped rows or lines) reported`);
  if (c.filesPending > 0) parts.push(`${plural(c.filesPending, 'file')} still being read`);
  return `${parts.join('; ')}.`;
}

/** true when the run left something out: a "nothing found" then must not read as an all-clear */
export function coverageIsPartial(c: Coverage): boolean {
  return c.pairsOutside > 0 || c.filesUnreadable > 0 || c.filesPending > 0 || c.problems > 0 || c.rowsSkipped > 0;
}

/** the sentence and whether it tells of something left out, for the page and the tray */
export function coverageNote(c: Coverage): CoverageNote {
  return { sentence: coverageSentence(c, 'app'), partial: coverageIsPartial(c) };
}
