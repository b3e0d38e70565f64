// Reads a kind's log files newest first, within a time range and a budget: the files the store
// has read (log_files), checked to still hold the same content, ordered by their first row's
// time. Rotation writes one file after the other, so the file that starts at or before the
// range's end holds its newest rows and the walk back ends with the first file that starts
// before the range.
import type { ReadLogFile } from '../../db/log-file-store.js';
import { readZeekLog } from '../zeek/reader.js';
import type { FileStarts } from './file-start.js';
import { filterLines, type ReadBudget } from './line-filter.js';

type Row = readonly (string | null)[];

export interface ScanRequest {
  files: readonly ReadLogFile[];
  /** only lines containing this (the device's address) are parsed */
  needle: string;
  fields: readonly string[];
  /** the rows wanted lie in [from, to] (epoch s) */
  from: number;
  to: number;
  /** files that start up to this long after `to` may still hold wanted rows (written later) */
  lateS: number;
  maxFiles: number;
  budget: ReadBudget;
  /** each parsed row; return true when nothing more is wanted */
  onRow: (row: Row) => boolean;
}

export interface ScanOutcome {
  filesRead: number;
  /** files the store read that are no longer on disk as they were (removed, moved, replaced) */
  missing: number;
  /** stopped by the budget (bytes, time or files) before the range was covered */
  stopped: boolean;
  /** stopped because onRow said done */
  done: boolean;
}

export async function scanFiles(starts: FileStarts, req: ScanRequest): Promise<ScanOutcome> {
  const out: ScanOutcome = { filesRead: 0, missing: 0, stopped: false, done: false };
  const candidates: { path: string; firstTs: number }[] = [];
  for (const f of req.files) {
    // finding where thousands of files start is bounded too (each is remembered once probed)
    if (Date.now() > req.budget.deadline) {
      out.stopped = true;
      return out;
    }
    const start = await starts.of(f.path);
    if (!start || start.fingerprint !== f.fingerprint) {
      out.missing++;
      continue;
    }
    if (start.firstTs !== null && start.firstTs <= req.to + req.lateS) candidates.push({ path: f.path, firstTs: start.firstTs });
  }
  candidates.sort((a, b) => b.firstTs - a.firstTs);
  for (const c of candidates) {
    if (out.filesRead >= req.maxFiles || req.budget.bytesLeft <= 0 || Date.now() > req.budget.deadline) {
      out.stopped = true;
      break;
    }
    out.filesRead++;
    const filtered = await filterLines(c.path, req.needle, req.budget);
    if (filtered.bytes.length > 0) {
      const batches = readZeekLog(c.path, {
        fields: req.fields,
        final: true,
        preloaded: { gzip: false, size: filtered.bytes.length, bytes: filtered.bytes },
      });
      for await (const b of batches) {
        for (const row of b.rows) {
          if (req.onRow(row)) out.done = true;
        }
      }
    }
    if (out.done) break;
    if (filtered.stopped) {
      out.stopped = true;
      break;
    }
    // files before this one end before it starts: before the range
    if (c.firstTs < req.from) break;
  }
  return out;
}
