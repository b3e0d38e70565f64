// Test helpers (never shipped in dist/): where the shared real Zeek samples live, and a reader that collects everything.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LogProblem, ReadOptions, RowBatch } from '../../engine/zeek/reader.js';
import { readZeekLog } from '../../engine/zeek/reader.js';

/** `../shared/zeek-samples/` relative to the repository root (this file is tests/support/). */
export const SAMPLES_DIR = fileURLToPath(new URL('../../../shared/zeek-samples/', import.meta.url));
const present = existsSync(SAMPLES_DIR);

/** `{ skip }` option for node:test when the samples are not there. */
export const needSamples: { skip?: string } = present ? {} : { skip: `zeek samples not found at ${SAMPLES_DIR}` };

export function sample(rel: string): string {
  return SAMPLES_DIR + rel;
}

export interface ReadResult {
  batches: RowBatch[];
  rows: (string | null)[][];
  lines: number;
  endOffset: number;
  problems: LogProblem[];
  error: Error | null;
}

export async function readAll(file: string, opts: Omit<ReadOptions, 'onProblem'>): Promise<ReadResult> {
  const problems: LogProblem[] = [];
  const batches: RowBatch[] = [];
  let error: Error | null = null;
  try {
    for await (const b of readZeekLog(file, { ...opts, onProblem: (p) => problems.push(p) })) batches.push(b);
  } catch (err) {
    error = err as Error;
  }
  return {
    batches,
    rows: batches.flatMap((b) => b.rows),
    lines: batches.reduce((n, b) => n + b.lines, 0),
    endOffset: batches.at(-1)?.endOffset ?? -1,
    problems,
    error,
  };
}
