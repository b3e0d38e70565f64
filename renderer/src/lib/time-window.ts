// The overview's time window: a length (1 h, 24 h, 7 d) ending at the latest data or at the end
// of a day that holds data, kept in the address (#/overview?window=7d&day=2024-04-20) so reload
// and Back show the same window. Pure functions (no runes, no DOM): tests/time-window-ui.test.ts.
// Days are the viewer's local days, grouped from the engine's hours.
import type { DataTimeline, TimeWindow } from '../../../engine/api.js';

export type WindowLength = '1h' | '24h' | '7d';
export const LENGTHS: Record<WindowLength, number> = { '1h': 3600, '24h': 86400, '7d': 7 * 86400 };
export const LENGTH_LABEL: Record<WindowLength, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d' };

export interface WindowChoice {
  length: WindowLength;
  /** the local day (YYYY-MM-DD) whose end ends the window; null: the latest data, as the live rescore */
  day: string | null;
}

/** what the hourly rescore keeps: nothing to score on demand */
export const LIVE: WindowChoice = { length: '24h', day: null };

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** `window=7d&day=2024-04-20` (the part of the hash after `?`); anything unknown is the live window */
export function parseWindowQuery(query: string): WindowChoice {
  const q = new URLSearchParams(query);
  const length = q.get('window');
  const day = q.get('day');
  return {
    length: length && length in LENGTHS ? (length as WindowLength) : LIVE.length,
    day: day && DAY_RE.test(day) && Number.isFinite(dayEnd(day)) ? day : null,
  };
}

/** the overview's search (`q=`) in the hash's query; '' when none */
export function parseSearchQuery(query: string): string {
  return new URLSearchParams(query).get('q') ?? '';
}

/** a window's query with the overview's search added (none when empty) */
export function withSearch(query: string, search: string): string {
  if (search === '') return query;
  const q = new URLSearchParams(query);
  q.set('q', search);
  return q.toString();
}

/** the hash's query for a window: '' for the live one */
export function windowQuery(c: WindowChoice): string {
  const q = new URLSearchParams();
  if (c.length !== LIVE.length) q.set('window', c.length);
  if (c.day) q.set('day', c.day);
  return q.toString();
}

export function isLive(c: WindowChoice): boolean {
  return c.length === LIVE.length && c.day === null;
}

/** the end of a local day: the next local midnight (epoch s) */
export function dayEnd(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime() / 1000;
}

/** the local day (YYYY-MM-DD) of a time */
export function localDay(epochS: number): string {
  const t = new Date(epochS * 1000);
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

/** The window as the engine takes it. */
export function apiWindow(c: WindowChoice): TimeWindow {
  return { end: c.day ? dayEnd(c.day) : null, lengthS: LENGTHS[c.length] };
}

/** Local days holding stored events, oldest first, with their event counts. */
export function dataDays(hours: DataTimeline['hours']): { day: string; events: number }[] {
  const by = new Map<string, number>();
  for (const h of hours) {
    const d = localDay(h.start);
    by.set(d, (by.get(d) ?? 0) + h.events);
  }
  return [...by].sort((a, b) => a[0].localeCompare(b[0])).map(([day, events]) => ({ day, events }));
}

/**
 * The day before or after the shown window, among the days holding data. From the latest data,
 * back goes to the last full day before it; forward from the last day returns to the latest.
 * Null: nothing that way.
 */
export function stepDay(days: readonly string[], c: WindowChoice, dir: -1 | 1, liveEnd: number | null): { day: string | null } | null {
  if (c.day === null) {
    if (dir === 1 || liveEnd === null) return null;
    const before = days.filter((d) => dayEnd(d) <= liveEnd);
    return before.length ? { day: before[before.length - 1]! } : null;
  }
  if (dir === -1) {
    const before = days.filter((d) => d < c.day!);
    return before.length ? { day: before[before.length - 1]! } : null;
  }
  const after = days.find((d) => d > c.day!);
  return { day: after ?? null };
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/** "Sat, 20 Apr 2024" */
export function dayLabel(day: string): string {
  return dayFormat.format(new Date(dayEnd(day) * 1000 - 43_200_000));
}

const endFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "last 24 h, to 21 Apr 2024, 23:59" (the latest data) or "7 d ending with Sat, 20 Apr 2024" */
export function describeWindow(c: WindowChoice, liveEnd: number | null): string {
  const len = LENGTH_LABEL[c.length];
  if (c.day) return `${len} ending with ${dayLabel(c.day)}`;
  return liveEnd === null ? `last ${len}` : `last ${len}, to ${endFormat.format(new Date(liveEnd * 1000))}`;
}

/**
 * What keeping `days` of data would remove now: the stored events before the cutoff (counted
 * by whole hours, so "about"). Null when nothing would go (historic data waits for live logs).
 */
export function retentionLoss(t: DataTimeline, days: number): { events: number; before: number } | null {
  if (t.retentionFrom === null || t.retention.paused) return null;
  const before = t.retentionFrom - days * 86400;
  const events = t.hours.filter((h) => h.start < before).reduce((a, h) => a + h.events, 0);
  return events > 0 ? { events, before } : null;
}
